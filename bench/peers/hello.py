"""The tutorial's aiohttp server (lesson 004), the reference peer for figure (8): GET /hello/{name} answers after
``await asyncio.sleep(0.5)``, as geochat's /api/hello/{name}?ms=500 does.

Usage: python3 bench/peers/hello.py PORT   (Debian: python3-aiohttp)
"""
import asyncio
import sys

from aiohttp import web


async def hello(request):
    await asyncio.sleep(0.5)
    text = "<h1>hello, %s!</h1>" % request.match_info["name"]
    return web.Response(body=text.encode("utf-8"), content_type="text/html")


def main():
    app = web.Application()
    app.router.add_route("GET", "/hello/{name}", hello)
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=None, print=None)


if __name__ == "__main__":
    main()
