"""Reading and writing files: the only place (with cli, app and report) that touches disk."""
