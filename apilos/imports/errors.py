"""The two ways reading can fail, each carrying a French message for the user."""


class CellError(ValueError):
    """A cell that cannot be read: ``message`` says what is wrong with it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class FileRefused(Exception):
    """A file that cannot be imported at all: ``message`` says why and how to fix it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
