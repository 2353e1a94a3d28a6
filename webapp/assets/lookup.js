// Looks an address up through the API and shows the JSON answer, as text only.
document.getElementById('lookup').addEventListener('submit', async (event) => {
    event.preventDefault();
    const ip = document.getElementById('ip').value.trim();
    const answer = document.getElementById('answer');
    answer.textContent = '…';
    try {
        const response = await fetch(ip ? 'api/ip/' + encodeURIComponent(ip) : 'api/ip', {
            headers: {Accept: 'application/json'}
        });
        answer.textContent = response.status + '\n' + JSON.stringify(await response.json(), null, 2);
    } catch (error) {
        answer.textContent = 'The lookup failed: ' + error.message;
    }
});
