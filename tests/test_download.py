"""Specifications of lib.text.download, against a local HTTP server on 127.0.0.1."""
import functools
import hashlib
import http.server
import io
import os
import threading
import zipfile

import pytest

from lib.text.download import ChecksumError, download_file, load_text8


@pytest.fixture
def server(tmp_path):
    """Serve ``tmp_path / 'site'`` on 127.0.0.1 and count requests."""
    site = tmp_path / "site"
    site.mkdir()
    requests = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            requests.append(self.path)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", site, requests
    httpd.shutdown()
    httpd.server_close()


def make_text8_zip(site, text=b"anarchism originated as a term of abuse " * 50):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("text8", text)
    (site / "text8.zip").write_bytes(buffer.getvalue())
    return hashlib.sha256(text).hexdigest()


def test_text8_downloads_once_verifies_and_caches(server, tmp_path):
    url, site, requests = server
    digest = make_text8_zip(site)
    cache = tmp_path / "cache"
    sentences = load_text8(f"{url}/text8.zip", digest, str(cache), sentence_length=100, progress=False)
    assert [len(s) for s in sentences] == [100, 100, 100, 50]     # 350 tokens
    assert sentences[0][:3] == ["anarchism", "originated", "as"]
    load_text8(f"{url}/text8.zip", digest, str(cache), sentence_length=100, progress=False)
    assert len(requests) == 1                       # the second call used the cache


def test_checksum_mismatch_is_refused_and_the_file_set_aside(server, tmp_path):
    url, site, _ = server
    make_text8_zip(site)
    cache = tmp_path / "cache"
    with pytest.raises(ChecksumError, match="checksum mismatch.*moved to"):
        load_text8(f"{url}/text8.zip", "0" * 64, str(cache), progress=False)
    assert not (cache / "text8").exists()
    assert (cache / "text8.rejected").exists() and (cache / "text8.zip.rejected").exists()


def test_plain_download_verifies_and_never_leaves_partial_files(server, tmp_path):
    url, site, _ = server
    (site / "data.txt").write_bytes(b"hello")
    dest = tmp_path / "out" / "data.txt"
    download_file(f"{url}/data.txt", str(dest), hashlib.sha256(b"hello").hexdigest(), progress=False)
    assert dest.read_bytes() == b"hello"
    with pytest.raises(ConnectionError, match="could not download"):
        download_file(f"{url}/missing.txt", str(tmp_path / "missing.txt"), progress=False)
    assert not os.path.exists(tmp_path / "missing.txt.part")
