"""Download-once, verify, cache: the text8 corpus for readers with internet.

text8 is the first 10^8 bytes of an English Wikipedia dump, cleaned to
lower-case letters and spaces by Matt Mahoney (http://mattmahoney.net/dc/textdata.html).
We download the zip once, check its SHA-256, and keep it in
:func:`lib.paths.cache_dir`. A file whose checksum does not match is never
used: it is set aside next to the cache (suffix ``.rejected``) and the error
says what to do.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import urllib.request
import zipfile

from lib.paths import cache_dir

TEXT8_URL = "http://mattmahoney.net/dc/text8.zip"
TEXT8_ZIP_BYTES = 31_344_016
TEXT8_SHA256 = "6e890197040d37d85beb962ae1f041ff1d9a9ca8d20c7d99c85027eebf51dca7"
"""SHA-256 of the unzipped ``text8`` file (100,000,000 bytes), as published with public reproductions."""


class ChecksumError(RuntimeError):
    """A downloaded file's SHA-256 differs from the expected one."""


def sha256_of(path: str, block: int = 1 << 20) -> str:
    """Hex SHA-256 digest of a file.

    Example: the digest of an empty file → ``'e3b0c442…b855'``.
    """
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for piece in iter(lambda: f.read(block), b""):
            digest.update(piece)
    return digest.hexdigest()


def verify(path: str, sha256: str) -> None:
    """Raise :class:`ChecksumError` (and set the file aside) unless ``path`` has digest ``sha256``."""
    actual = sha256_of(path)
    if actual != sha256:
        rejected = path + ".rejected"
        os.replace(path, rejected)
        raise ChecksumError(
            f"checksum mismatch for {os.path.basename(path)}: expected sha256 {sha256}, "
            f"got {actual}. The file was moved to {rejected} and not used. The download was "
            "probably interrupted or altered: delete that file and try again, or pass the "
            "correct sha256 if the source has changed.")


def download_file(url: str, dest: str, sha256: str | None = None, progress: bool = True) -> str:
    """Download ``url`` to ``dest`` unless it is already there, then verify it.

    Parameters
    ----------
    url : str
        Where to fetch from (``http://``, ``https://`` or ``file://``).
    dest : str
        Final path. The file is written to ``dest + '.part'`` first and renamed
        only when complete, so an interrupted download never looks finished.
    sha256 : str, optional
        Expected hex digest; checked on every call, cached or not.
    progress : bool
        Show a tqdm progress bar.

    Returns
    -------
    str
        ``dest``.
    """
    if not os.path.exists(dest):
        os.makedirs(os.path.dirname(os.path.abspath(dest)), exist_ok=True)
        partial = dest + ".part"
        try:
            with urllib.request.urlopen(url, timeout=60) as response, open(partial, "wb") as out:
                total = int(response.headers.get("Content-Length") or 0) or None
                from tqdm.auto import tqdm
                with tqdm(total=total, unit="B", unit_scale=True, disable=not progress,
                          desc=os.path.basename(dest)) as bar:
                    for piece in iter(lambda: response.read(1 << 20), b""):
                        out.write(piece)
                        bar.update(len(piece))
        except OSError as exc:
            if os.path.exists(partial):
                os.remove(partial)
            raise ConnectionError(f"could not download {url}: {exc}. Check your internet "
                                  f"connection, or place the file at {dest} yourself.") from exc
        os.replace(partial, dest)
    if sha256 is not None:
        verify(dest, sha256)
    return dest


def load_text8(url: str = TEXT8_URL, sha256: str = TEXT8_SHA256, directory: str | None = None,
               sentence_length: int = 1000, progress: bool = True) -> list[list[str]]:
    """Download (once), verify and read text8 as sentences of ``sentence_length`` tokens.

    text8 has no sentence boundaries, so — as gensim's ``Text8Corpus`` does — we
    cut its 17,005,207 tokens into fixed-length pieces. ``sha256`` is the digest of
    the unzipped ``text8`` file.

    Returns
    -------
    list of list of str
        About 17,006 sentences of 1,000 tokens each for the real corpus.
    """
    from lib.text.corpus import check_not_empty, chunk
    directory = directory or cache_dir()
    text_path = os.path.join(directory, "text8")
    if not os.path.exists(text_path):
        zip_path = download_file(url, os.path.join(directory, "text8.zip"), progress=progress)
        with zipfile.ZipFile(zip_path) as archive, archive.open("text8") as src, \
                open(text_path + ".part", "wb") as out:
            shutil.copyfileobj(src, out)
        os.replace(text_path + ".part", text_path)
    try:
        verify(text_path, sha256)
    except ChecksumError:
        # The zip it came from is suspect too: set it aside so the next call downloads afresh.
        zip_path = os.path.join(directory, "text8.zip")
        if os.path.exists(zip_path):
            os.replace(zip_path, zip_path + ".rejected")
        raise
    with open(text_path, encoding="ascii") as f:
        sentences = chunk(f.read().split(), sentence_length)
    check_not_empty(sentences, "text8 corpus")
    return sentences
