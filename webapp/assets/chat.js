// The chat panel: one WebSocket (subprotocol geochat.v1) to chat/<room>, resumed with since= after a drop.
// Everything shown is set as text; no markup is ever parsed from strings. An ES module (strict, no globals).
import {$, statusLine} from './dom.js';

const PROTOCOL = 'geochat.v1';
const ROOM = /^[A-Za-z0-9_-]{1,32}$/;
const NICK = /^[\p{L}\p{N}_.-]{1,24}$/u;
const MAX_FRAME_BYTES = 8 * 1024; // the server's default GEOCHAT_CHAT_MAX_MESSAGE, for the whole frame
const MAX_LINES = 500;
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30000;
const KEEPALIVES_MISSED = 3; // this many keepalive periods without a frame: the connection is dead
const DEFAULT_KEEPALIVE_MS = 25000; // the server's default GEOCHAT_CHAT_PING, until it says otherwise
/** Closes (all 1008) that a retry would only repeat: the user has to change something first. */
const FINAL_REASONS = new Set(['nick taken', 'invalid nick', 'invalid room name']);
const CLOSE_MEANINGS = {
    1000: 'closed', 1001: 'going away', 1003: 'binary frames are not accepted', 1006: 'connection lost',
    1008: 'refused by policy', 1009: 'message too big', 1011: 'server error', 1013: 'try again later'
};
const EVENT_TEXT = {join: 'joined', leave: 'left'};

const encoder = new TextEncoder();

const chat = {
    room: 'lobby',
    nick: null, // the nick asked for; null lets the server pick Guest-N
    myNick: null, // the nick the server gave the current connection
    socket: null,
    lastId: 0, // the highest event id shown for this room: nothing at or below it is shown again
    epoch: null, // the room's id sequence that lastId belongs to; a resume names both
    awaitingOwnJoin: false,
    retryMs: FIRST_RETRY_MS,
    retryTimer: 0,
    heardAt: 0, // performance.now() of the last frame
    keepaliveMs: DEFAULT_KEEPALIVE_MS // the server's keepalive period (it sends one right after the join)

};

// --- status -----------------------------------------------------------------------------------------------

const setStatus = statusLine('chat-status');

function showConnected() {
    setStatus(chat.myNick ? 'connected as ' + chat.myNick + ' in room ' + chat.room : 'joining room ' + chat.room + '…');
}

const isOpen = () => chat.socket !== null && chat.socket.readyState === WebSocket.OPEN;

function updateSend() {
    $('chat-send').disabled = !isOpen();
}

// --- rendering --------------------------------------------------------------------------------------------

function element(name, className, text) {
    const node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
}

/** Local HH:MM:SS of an ISO instant; empty when there is none. */
function clock(iso) {
    const time = new Date(iso);
    if (!iso || Number.isNaN(time.getTime())) return '';
    return [time.getHours(), time.getMinutes(), time.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

function eventLine(event) {
    const line = element('li', 'line ' + event.type);
    if (event.pending) { // shown by this node while the cluster is unreachable; its numbered copy replaces it
        line.classList.add('pending');
        line.dataset.ref = event.ref;
        line.title = 'not delivered beyond this server yet';
    } else {
        line.dataset.id = event.id;
    }
    if (event.nick === chat.myNick) line.classList.add('mine');
    const time = element('time', '', clock(event.time));
    if (event.time) time.dateTime = event.time;
    line.append(time, ' ', element('span', 'nick', event.nick || '?'), ' ');
    const from = [event.ip, event.country].filter(Boolean).join(' ');
    if (from) line.append(element('small', 'from', from), ' ');
    line.append(element('span', 'text', EVENT_TEXT[event.type] ?? String(event.text ?? '')));
    return line;
}

/** Appends lines, drops the oldest beyond MAX_LINES, and follows the bottom unless the reader scrolled up. */
function appendLines(lines) {
    if (!lines.length) return;
    const list = $('chat-lines');
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.append(...lines.slice(-MAX_LINES));
    while (list.childElementCount > MAX_LINES) list.firstElementChild.remove();
    if (atBottom) list.scrollTop = list.scrollHeight;
}

const notice = (className, text) => appendLines([element('li', 'line ' + className, text)]);

/**
 * Shows the events not shown yet (ids only grow, so a resume's overlap is skipped) and remembers the last id.
 * A pending event (no id yet) is shown as such; its numbered copy, with the same ref, takes its place.
 */
function showEvents(events) {
    const lines = [];
    for (const event of events) {
        if (!(event && ['join', 'message', 'leave'].includes(event.type))) continue;
        if (event.pending) {
            lines.push(eventLine(event));
            continue;
        }
        if (!(event.id > chat.lastId)) continue;
        chat.lastId = event.id;
        if (event.epoch) chat.epoch = event.epoch;
        if (event.ref) {
            $('chat-lines').querySelectorAll(`.pending[data-ref="${CSS.escape(event.ref)}"]`).forEach((shown) => shown.remove());
        }
        lines.push(eventLine(event));
    }
    appendLines(lines);
}

function showPresence(users) {
    const nicks = Array.isArray(users) ? users : [];
    $('presence').replaceChildren(...nicks.map((nick) => element('li', nick === chat.myNick ? 'me' : '', nick)));
}

// --- frames from the server -------------------------------------------------------------------------------

const FRAMES = {
    gap: (frame) => {
        if (frame.recovered === false) { // our position is not in the room's sequence: the server started over
            chat.lastId = 0;
            chat.epoch = null;
            $('chat-lines').replaceChildren();
            notice('notice', 'The chat server started over; earlier messages are gone.');
            return;
        }
        notice('gap', frame.missed + (frame.missed === 1 ? ' earlier message is' : ' earlier messages are')
            + ' no longer available');
    },
    history: (frame) => {
        showEvents(Array.isArray(frame.messages) ? frame.messages : []);
        chat.awaitingOwnJoin = true; // the server sends this connection's own join right after its history
        chat.retryMs = FIRST_RETRY_MS;
    },
    join: (frame) => {
        if (chat.awaitingOwnJoin) ownJoin(frame);
        showEvents([frame]);
    },
    message: (frame) => showEvents([frame]),
    leave: (frame) => showEvents([frame]),
    presence: (frame) => showPresence(frame.users),
    keepalive: (frame) => {
        chat.keepaliveMs = Number(frame.everyMs) > 0 ? Number(frame.everyMs) : DEFAULT_KEEPALIVE_MS;
    },
    error: (frame) => setStatus(frame.message || frame.code || 'error', true)
};

function receive(data) {
    chat.heardAt = performance.now();
    let frame;
    try {
        frame = JSON.parse(data);
    } catch {
        return; // not geochat.v1
    }
    if (frame && Object.hasOwn(FRAMES, frame.type)) FRAMES[frame.type](frame);
}

function ownJoin(event) {
    chat.awaitingOwnJoin = false;
    chat.myNick = event.nick;
    for (const user of $('presence').children) user.classList.toggle('me', user.textContent === chat.myNick);
    showConnected();
}

// --- the connection ---------------------------------------------------------------------------------------

/** ws(s)://host/<context>/chat/<room>?nick=…&since=…&epoch=…, relative to this page. */
function chatUrl() {
    const url = new URL('chat/' + encodeURIComponent(chat.room), document.baseURI);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    if (chat.nick) url.searchParams.set('nick', chat.nick);
    if (chat.lastId > 0) {
        url.searchParams.set('since', chat.lastId);
        if (chat.epoch) url.searchParams.set('epoch', chat.epoch);
    }
    return url.href;
}

/** @param automatic a reconnect after a drop, not something the user asked for */
function connect(automatic = false) {
    clearTimeout(chat.retryTimer);
    chat.automatic = automatic;
    const old = chat.socket;
    chat.socket = null; // a replaced socket's late events are ignored
    if (old) old.close(1000);
    chat.awaitingOwnJoin = false;
    setStatus('connecting to room ' + chat.room + '…');
    const socket = new WebSocket(chatUrl(), PROTOCOL);
    chat.socket = socket;
    const current = (handle) => (event) => {
        if (socket === chat.socket) handle(event);
    };
    chat.heardAt = performance.now();
    socket.addEventListener('open', current(updateSend));
    socket.addEventListener('message', current((event) => receive(event.data)));
    socket.addEventListener('close', current(closed));
    updateSend();
}

function closed(event) {
    chat.socket = null;
    updateSend();
    const reason = event.reason || CLOSE_MEANINGS[event.code] || 'code ' + event.code;
    // After a drop the server may still hold our old connection, and its nick, until it notices: keep trying.
    const stillOurs = chat.automatic && event.reason === 'nick taken';
    if (event.code === 1008 && FINAL_REASONS.has(event.reason) && !stillOurs) {
        const fix = event.reason === 'invalid room name' ? 'choose another room' : 'choose another nick';
        setStatus('Not connected: ' + reason + '; ' + fix + '.', true);
    } else {
        retryLater('disconnected (' + reason + ')');
    }
}

/**
 * A connection that stays open but brings nothing, not even the keepalive the server sends with every ping, is
 * dead (on Payara a server's writes to one connection can stop for good): replace it, resuming after lastId.
 */
function watchSilence() {
    const silentMs = performance.now() - chat.heardAt;
    if (isOpen() && silentMs > KEEPALIVES_MISSED * chat.keepaliveMs) {
        setStatus('no word from the server for ' + Math.round(silentMs / 1000) + ' s, reconnecting', true);
        connect(true);
    }
}

/** Reconnects after a wait that doubles each time (±20% jitter, at most 30 s), counting down meanwhile. */
function retryLater(why) {
    const wait = Math.min(MAX_RETRY_MS, chat.retryMs * (0.8 + Math.random() * 0.4));
    chat.retryMs = Math.min(chat.retryMs * 2, MAX_RETRY_MS);
    const at = performance.now() + wait;
    const tick = () => {
        const left = at - performance.now();
        if (left <= 0) return connect(true);
        setStatus(why + ', reconnecting in ' + Math.ceil(left / 1000) + ' s', true);
        chat.retryTimer = setTimeout(tick, left % 1000 || 1000);
    };
    tick();
}

// --- what the user does -----------------------------------------------------------------------------------

function send(event) {
    event.preventDefault();
    const input = $('chat-text');
    if (!input.value.trim()) return;
    if (!isOpen()) return setStatus('Not connected: the message was not sent.', true);
    const frame = JSON.stringify({type: 'message', text: input.value});
    const bytes = encoder.encode(frame).length;
    if (bytes > MAX_FRAME_BYTES) {
        return setStatus('That message is too long (' + bytes + ' bytes, at most ' + MAX_FRAME_BYTES + ').', true);
    }
    chat.socket.send(frame);
    input.value = '';
    showConnected(); // clears an earlier complaint
}

function changeNick(event) {
    event.preventDefault();
    const nick = $('chat-nick').value.trim();
    if (nick && !NICK.test(nick)) return setStatus('A nick is 1 to 24 letters, digits, "_", "." or "-".', true);
    if (isOpen() && (nick ? nick === chat.myNick : chat.nick === null)) {
        return showConnected(); // nothing to change; reconnecting as the same nick would race the old connection
    }
    chat.nick = nick || null;
    chat.retryMs = FIRST_RETRY_MS;
    connect(); // the same room, resumed after lastId
}

function switchRoom(event) {
    event.preventDefault();
    const room = $('chat-room').value.trim();
    if (!ROOM.test(room)) return setStatus('A room name is 1 to 32 letters A–Z, a–z, digits, "_" or "-".', true);
    if (isOpen() && room === chat.room) return showConnected();
    chat.room = room;
    chat.lastId = 0;
    chat.epoch = null;
    $('chat-lines').replaceChildren();
    $('presence').replaceChildren();
    chat.retryMs = FIRST_RETRY_MS;
    connect();
}

// --- wiring -----------------------------------------------------------------------------------------------

$('chat-form').addEventListener('submit', send);
$('chat-nick-form').addEventListener('submit', changeNick);
$('chat-room-form').addEventListener('submit', switchRoom);
connect();
setInterval(watchSilence, 5000);
