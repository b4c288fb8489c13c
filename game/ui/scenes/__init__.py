"""One module per scene; every scene is handed the app and reads the match it is given."""
