// The reference peer for figure (1): what a user might write instead of geochat's lookup API. Node's http and the
// maxmind reader over the same DB-IP files, answering GET /{anything}/{ip} with the same JSON fields geochat does.
// Usage: node bench/peers/lookup.mjs PORT COUNTRY.mmdb [CITY-IPV4.mmdb CITY-IPV6.mmdb]
import http from 'node:http';
import net from 'node:net';
import maxmind from 'maxmind';

const [port, countryFile, cityV4File, cityV6File] = process.argv.slice(2);
const country = await maxmind.open(countryFile);
const cityV4 = cityV4File ? await maxmind.open(cityV4File) : null;
const cityV6 = cityV6File ? await maxmind.open(cityV6File) : null;
const names = new Intl.DisplayNames(['en'], { type: 'region' });
const attribution = { text: 'IP Geolocation by DB-IP', url: 'https://db-ip.com' };

function answer(res, status, body) {
    res.writeHead(status, { 'content-type': status === 200 ? 'application/json' : 'application/problem+json' });
    res.end(JSON.stringify(body));
}

http.createServer((req, res) => {
    const ip = decodeURIComponent(req.url.slice(req.url.lastIndexOf('/') + 1));
    const family = net.isIP(ip);
    if (family === 0) {
        return answer(res, 400, { status: 400, code: 'invalid-ip' });
    }
    const city = family === 4 ? cityV4 : cityV6; // the city files are split by family
    const place = (city && city.get(ip)) || country.get(ip);
    if (!place) {
        return answer(res, 404, { status: 404, code: 'location-unknown' });
    }
    answer(res, 200, {
        ip,
        countryCode: place.country_code,
        country: names.of(place.country_code),
        region: place.state1 || undefined,
        city: place.city || undefined,
        latitude: place.latitude,
        longitude: place.longitude,
        source: city && place.city !== undefined ? 'dbip-city-lite' : 'dbip-country-lite',
        attribution,
    });
}).listen(Number(port), '127.0.0.1');
