"""Files on disk: where user data lives, atomic saving, limits checked before reading, model
files and their metadata, the model history, personal samples, quarantine. Never imports
``training``."""
