"""The exceptions migbook raises: each says what was wrong in one line."""


class MigbookError(Exception):
    """Base class: the command line prints these as one line, not a traceback."""


class ParameterError(MigbookError, ValueError):
    """A model parameter is out of range or of the wrong kind; the message names it."""


class DataValidationError(MigbookError, ValueError):
    """A data table breaks its schema; the message names file, row, column and rule."""
