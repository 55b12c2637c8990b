"""The one error type a user can cause, carrying a message a historian can act on."""


class FontesError(Exception):
    """A problem with the user's input or setup; the CLI prints it on one line, no traceback."""
