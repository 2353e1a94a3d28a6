// Looks an address up through the API and shows the JSON answer, as text only. An ES module.
import {$} from './dom.js';

const DB_IP = {text: 'IP Geolocation by DB-IP', url: 'https://db-ip.com'};

/** The source's credit under the answer, as a real link; only https links are taken from the answer. */
function showAttribution(attribution) {
    const place = $('answer-attribution');
    place.replaceChildren();
    place.hidden = !attribution || typeof attribution !== 'object';
    if (place.hidden) return;
    const link = document.createElement('a');
    const https = typeof attribution.url === 'string' && /^https:\/\//i.test(attribution.url);
    link.href = https ? attribution.url : DB_IP.url;
    link.textContent = https && attribution.text ? String(attribution.text) : DB_IP.text;
    place.append(link);
}

$('lookup').addEventListener('submit', async (event) => {
    event.preventDefault();
    const ip = $('ip').value.trim();
    const answer = $('answer');
    answer.textContent = '…';
    showAttribution(null);
    try {
        const response = await fetch(ip ? 'api/ip/' + encodeURIComponent(ip) : 'api/ip', {
            headers: {Accept: 'application/json'}
        });
        const body = await response.json();
        answer.textContent = response.status + '\n' + JSON.stringify(body, null, 2);
        showAttribution(body && body.attribution);
    } catch (error) {
        answer.textContent = 'The lookup failed: ' + error.message;
    }
});
