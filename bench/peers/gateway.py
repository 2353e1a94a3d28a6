"""The tutorial's gateway (lesson 001), the reference peer for figure (2): a Tornado handler that asks an
ip-api-compatible upstream for each address with AsyncHTTPClient and answers with the upstream's body. The curl
client (pycurl) keeps its connections to the upstream alive, which Tornado's default client does not.

Usage: python3 bench/peers/gateway.py PORT UPSTREAM_BASE   (Debian: python3-tornado, python3-pycurl)
"""
import sys

from tornado import httpclient, ioloop, web


class LookupHandler(web.RequestHandler):
    async def get(self, ip):
        response = await httpclient.AsyncHTTPClient().fetch(self.settings["upstream"] + "/json/" + ip, raise_error=False)
        self.set_status(response.code if response.code in (200, 429) else 502)
        self.set_header("Content-Type", "application/json")
        self.finish(response.body or b"{}")


def main():
    port, upstream = int(sys.argv[1]), sys.argv[2]
    # Tornado's default of 10 connections would queue the other 190 calls at c=200.
    httpclient.AsyncHTTPClient.configure("tornado.curl_httpclient.CurlAsyncHTTPClient", max_clients=1000)
    web.Application([(r"/api/ip/(.+)", LookupHandler)], upstream=upstream).listen(port, address="127.0.0.1")
    ioloop.IOLoop.current().start()


if __name__ == "__main__":
    main()
