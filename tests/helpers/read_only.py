"""A user folder on a read-only disk."""

import errno
import pathlib
import tempfile


def read_only_home(tmp_path, monkeypatch) -> pathlib.Path:
    """A new folder ``tmp_path/ro``, made the app's home (DIGITPAD_HOME), in which every folder or
    file creation fails as on a read-only disk (root can write to read-only folders, so the
    permission bits cannot simulate it here). Returns the folder."""
    home = tmp_path / "ro"
    home.mkdir()
    monkeypatch.setenv("DIGITPAD_HOME", str(home))
    real_mkdir, real_mkstemp = pathlib.Path.mkdir, tempfile.mkstemp

    def mkdir(self, *args, **kwargs):
        if str(self).startswith(str(home)) and not self.exists():
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return real_mkdir(self, *args, **kwargs)

    def mkstemp(*args, dir=None, **kwargs):
        if dir is not None and str(dir).startswith(str(home)):
            raise OSError(errno.EROFS, "Read-only file system", str(dir))
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(pathlib.Path, "mkdir", mkdir)
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    return home
