"""Files on disk: where user data lives, atomic saving, limits checked before reading, model
files, their metadata and its typed form (ModelInfo), the model history with its one record of
the current model, personal samples, quarantine. Never imports
``training``."""
