"""Whether a file lives on a network or synced filesystem, from the mount table's text.

SQLite's WAL needs shared memory between the processes using a file, which
network filesystems do not give: two laptops writing one file there corrupt it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

# Filesystem types that are not local disks.
NETWORK_TYPES = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ncpfs", "glusterfs",
        "ceph", "lustre", "davfs", "fuse.sshfs", "fuse.rclone", "fuse.s3fs",
        "fuse.gcsfuse", "fuse.davfs2", "fuse.dropbox",
    }
)  # fmt: skip
# Folders that sync clients keep (their files are rewritten behind SQLite's back).
SYNCED_FOLDERS = ("Dropbox", "OneDrive", "Google Drive", "iCloud Drive", "Mobile Documents",
                  "Nextcloud", "ownCloud", "Seafile", "坚果云", "百度网盘", "Box Sync")  # fmt: skip


@dataclass(frozen=True)
class Mount:
    point: str
    fstype: str


def parse_mounts(text: str) -> list[Mount]:
    """The mounts of `/proc/self/mounts` text (device, point, type, ...; spaces as \\040)."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            point = fields[1].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
            mounts.append(Mount(point, fields[2]))
    return mounts


def mount_of(path: str, mounts: list[Mount]) -> Mount | None:
    """The mount holding the absolute `path`: the longest mount point above it."""
    parts = PurePosixPath(path).parts
    holding = [
        m
        for m in mounts
        if parts[: len(PurePosixPath(m.point).parts)] == PurePosixPath(m.point).parts
    ]
    # The last of the deepest: a mount over another at the same point hides it.
    return max(reversed(holding), key=lambda m: len(PurePosixPath(m.point).parts), default=None)


def unsafe_place(path: str, mounts: list[Mount]) -> str | None:
    """Why `path` is an unsafe place for the database (a network filesystem's type, or
    a synced folder's name), or None for a local disk."""
    mount = mount_of(path, mounts)
    if mount is not None and (mount.fstype in NETWORK_TYPES or mount.fstype.startswith("nfs")):
        return mount.fstype
    for part in PurePosixPath(path).parts[:-1]:
        if any(part == name or part.startswith(name + " ") for name in SYNCED_FOLDERS):
            return part
    return None
