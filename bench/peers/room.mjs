// The reference peer for figure (5): the simplest chat room a user might write instead of geochat's, on the
// `ws` library. /chat/{room} rooms; every message goes to every member, the sender included. Two protocols, as
// geochat speaks: the tutorial's text lines ("[ip]-[time]-说：text"), or with the geochat.v1 subprotocol JSON
// events (a history frame on joining, then join/message/leave with ids). No limits, no history, no origin check.
// Usage: node bench/peers/room.mjs PORT
import http from 'node:http';
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2]);
const rooms = new Map();
let nextId = 1;

function time() {
    return new Date().toISOString();
}

function broadcast(room, v1, line) { // each event encoded once per protocol, then sent to every member
    for (const member of room) {
        member.send(member.protocol === 'geochat.v1' ? v1 : line);
    }
}

function event(type, legacy, name, nick, ip, text) {
    const at = time();
    const json = { type, id: nextId++, room: name, nick, ip, time: at };
    if (text !== undefined) json.text = text;
    return [JSON.stringify(json), `[${ip}]-[${at}]-${legacy}${text ?? ''}`];
}

const server = http.createServer((req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server, handleProtocols: (protocols) => (protocols.has('geochat.v1') ? 'geochat.v1' : false) });
wss.on('connection', (socket, req) => {
    const url = new URL(req.url, 'http://localhost');
    const name = url.pathname.replace(/^\/chat\//, '');
    const nick = url.searchParams.get('nick') || 'guest';
    const ip = req.socket.remoteAddress;
    if (!rooms.has(name)) rooms.set(name, new Set());
    const room = rooms.get(name);
    room.add(socket);
    if (socket.protocol === 'geochat.v1') socket.send('{"type":"history","messages":[]}');
    broadcast(room, ...event('join', '进入聊天室', name, nick, ip));
    socket.on('message', (data, isBinary) => {
        if (isBinary) return;
        let text = data.toString();
        if (socket.protocol === 'geochat.v1') {
            try {
                text = JSON.parse(text).text;
            } catch {
                return;
            }
        }
        broadcast(room, ...event('message', '说：', name, nick, ip, text));
    });
    socket.on('close', () => {
        room.delete(socket);
        if (room.size === 0) rooms.delete(name);
        else broadcast(room, ...event('leave', '离开聊天室', name, nick, ip));
    });
});
server.listen(port, () => console.log(`room peer on ${port}`));
