"""Legacy office files (.doc, .xls, .odt, .ods, .rtf) converted to .docx/.xlsx by LibreOffice.

LibreOffice runs headless, once per file, with a profile of its own in a scratch
folder (so parallel workers never share one).  Without LibreOffice the file is a
`ConverterMissingError` naming the tool and what to install; the batch goes on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from extract.document import Document
from extract.errors import ConverterMissingError, CorruptSourceError

CONVERTER = "soffice"
TIMEOUT = 180.0  # seconds for one conversion
_PACKAGES = {"docx": "libreoffice-writer-nogui", "xlsx": "libreoffice-calc-nogui"}


def read_converted(path: Path, kind: str, target: str, reader: Callable[..., Document]) -> Document:
    """Convert `path` (a legacy `kind`, e.g. "doc") to `target` ("docx" or "xlsx") and read it with `reader`."""
    soffice = shutil.which(CONVERTER)
    if soffice is None:
        raise ConverterMissingError(
            path, f"a legacy .{kind} file needs LibreOffice ({CONVERTER}) to be read, and it is not installed: "
                  f"install {_PACKAGES[target]} or save the file as .{target}")
    with tempfile.TemporaryDirectory(prefix="decree-convert-") as scratch:
        folder = Path(scratch)
        source = folder / f"source.{kind}"  # LibreOffice picks its filter by the name: give it the true kind
        os.symlink(path.resolve(), source)
        command = [soffice, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--norestore",
                   "--convert-to", target, "--outdir", str(folder / "out"), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired as error:
            raise CorruptSourceError(path, f"LibreOffice did not convert the .{kind} file within {TIMEOUT:.0f} s; "
                                           f"save it as .{target} and curate again") from error
        converted = folder / "out" / f"source.{target}"
        if done.returncode != 0 or not converted.exists():
            why = (done.stderr or done.stdout).strip().splitlines()
            raise CorruptSourceError(path, f"LibreOffice could not convert the .{kind} file to .{target}"
                                           f"{' (' + why[-1] + ')' if why else ''}; is {_PACKAGES[target]} "
                                           f"installed, is the file damaged or password-protected? Save it as "
                                           f".{target} and curate again")
        document = reader(converted, method=f"libreoffice-{kind}+{target}")
    document.source = path
    return document
