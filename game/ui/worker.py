"""Run AI planning off the frame loop.

The worker thread only ever touches what its job was given (a clone of the
game); the main thread applies the result when it polls, so the live `Game`
is touched by one thread only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


class Worker:
    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._result: Any = None
        self._error: BaseException | None = None
        self._on_done: Callable[[Any], None] | None = None
        self.label = ""
        self.finished = 0  # jobs whose result was applied: a screen built before one finished is stale

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, job: Callable[[], Any], on_done: Callable[[Any], None], label: str = "") -> None:
        if self._thread is not None:
            raise RuntimeError("the AI worker is already busy")
        self._on_done = on_done
        self.label = label

        def run() -> None:
            try:
                self._result = job()
            except BaseException as exc:  # handed back to the main thread
                self._error = exc

        self._thread = threading.Thread(target=run, name="sumiwake-ai", daemon=True)
        self._thread.start()

    def poll(self) -> None:
        """Call once a frame on the main thread: applies a finished job's result."""
        t = self._thread
        if t is None or t.is_alive():
            return
        t.join()
        self._thread = None
        result, error, cb = self._result, self._error, self._on_done
        self._result = self._error = self._on_done = None
        self.finished += 1
        if error is not None:
            raise error
        if cb is not None:
            cb(result)

    def wait(self, timeout: float = 10.0) -> bool:
        """Join the running job (at most ``timeout`` seconds) and apply its result;
        False when it is still running."""
        if self._thread is not None:
            self._thread.join(timeout)
        self.poll()
        return self._thread is None
