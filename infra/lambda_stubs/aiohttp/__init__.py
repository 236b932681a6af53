"""Stand-in for aiohttp inside the Lambda package (infra/package.py puts it there instead of aiohttp).

pywebpush 2 imports aiohttp and names it in the signatures of its async API. The platform sends
with pywebpush's synchronous ``webpush()``, which uses requests; aiohttp and its five compiled
dependencies (about 3 MB) would only be loaded, never used. Anything that does use it fails loudly.
"""

from __future__ import annotations

import sys
from typing import Any


class _NotPackaged:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise RuntimeError("aiohttp is not in the Lambda package: use pywebpush's synchronous webpush()")


class ClientSession(_NotPackaged):
    pass


class ClientResponse(_NotPackaged):
    pass


class ClientTimeout(_NotPackaged):
    pass


client = sys.modules[__name__]  # pywebpush names aiohttp.client.ClientSession
