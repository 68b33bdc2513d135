"""Exceptions the user can be shown: each carries one plain sentence."""

import errno


class DigitpadError(Exception):
    """Base for errors with a message meant for the user (CLI prints it on one line)."""


class DataError(DigitpadError):
    """A dataset file is missing, truncated or malformed."""


class DownloadError(DigitpadError):
    """A download failed on every mirror, or a file did not verify. ``reason`` sorts the failure
    for a one-sentence message: "offline" (no name could be looked up), "unreachable" (no mirror
    accepted a connection), "server" (mirrors answered with errors or bad files), "stalled",
    "disk", "cancelled" or "other"; the message itself holds the details."""

    def __init__(self, message: str, reason: str = "other"):
        super().__init__(message)
        self.reason = reason


class ModelFileError(DigitpadError):
    """A model file cannot be read, or its contents do not describe a valid model."""


class ImageError(DigitpadError):
    """An image cannot be read or decoded."""


class TrainingDiverged(DigitpadError):
    """The loss became NaN or infinite; the run was stopped and nothing was saved."""


class ConfigError(DigitpadError):
    """A training setting is out of range. ``setting`` is the name of the setting at fault (None
    when no single one is) and ``problem`` the sentence without that name, so that the CLI can name
    the option the user typed (``--lr``) and the Train form its label. ``template`` is the English
    sentence with ``%1`` for the setting's name and ``%2``, ``%3``... for ``values``, which the
    Train form translates whole (so no English is left inside a translated sentence)."""

    def __init__(
        self,
        message: str,
        setting: str | None = None,
        problem: str | None = None,
        template: str | None = None,
        values: tuple[str, ...] = (),
    ):
        super().__init__(message)
        self.setting = setting
        self.problem = message if problem is None else problem
        self.template, self.values = template, values


class NetworkTooLarge(ConfigError):
    """The hidden layers make more parameters than a model file may hold (the loader's limit)."""

    def __init__(self, message: str, problem: str, hidden: str, parameters: int, limit: int):
        super().__init__(message, "hidden", problem)
        self.hidden, self.parameters, self.limit = hidden, parameters, limit


class MetadataError(DigitpadError):
    """Metadata in a model or sample file is malformed, too big, too deep or out of range."""


class UserDirError(DigitpadError):
    """The user data directory cannot be created or used."""


class ModelStoreError(DigitpadError, OSError):
    """The models folder cannot be changed; the message says why in a sentence (an OSError too,
    so that every "could not keep the model" handler reports it)."""


class ModelStoreBusy(ModelStoreError, TimeoutError):
    """Another digitpad holds the model history lock."""


# errno names a user can act on, in plain words (the rest: the system's own text).
_PLAIN_REASONS = {
    errno.EROFS: "the folder is read-only",
    errno.EACCES: "no permission to write there",
    errno.EPERM: "no permission to write there",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your disk quota is used up",
}


def os_reason(exc: OSError) -> str:
    """Why ``exc`` happened, as a few plain words without errno numbers or paths."""
    plain = _PLAIN_REASONS.get(exc.errno) if exc.errno is not None else None
    return plain or (exc.strerror.lower() if exc.strerror else str(exc))


def os_problem(exc: OSError) -> str:
    """``exc`` as "<file>: <plain reason>" (the reason alone when no file is named)."""
    if isinstance(exc, DigitpadError):
        return str(exc)  # already a sentence
    reason = os_reason(exc)
    return f"{exc.filename}: {reason}" if exc.filename else reason
