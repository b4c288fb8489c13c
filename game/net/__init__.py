"""Team terminals: a table served to browsers and programs over one WebSocket each.

    protocol   the messages at the boundary (pydantic models, versioned)
    tokens     seat, admin and spectator tokens (random, compared in constant time)
    remote     `RemoteSeat`: a seat played from elsewhere, one more `Policy`
    views      what each connection is sent, built from the engine's seat view
    table      `TableHost`: a workshop table with its seats' connections
    server     the Starlette application (pages, static files, the WebSocket)
    client     a small Python client (tests, bots, a program elsewhere)

Above game/session, below game/ui and game/cli; never imports pygame.
"""
