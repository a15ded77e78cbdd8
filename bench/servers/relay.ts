/**
 * The physical limit: a WebSocket server that forwards every message to the other sockets of the
 * same path and understands nothing of Yjs.
 */
import http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const rooms = new Map<string, Set<WebSocket>>();
const server = http.createServer();
const wss = new WebSocketServer({ server, perMessageDeflate: false });

wss.on('connection', (socket, request) => {
  const path = request.url ?? '/';
  const room = rooms.get(path) ?? new Set();
  rooms.set(path, room);
  room.add(socket);
  socket.on('message', (data: Buffer) => {
    for (const peer of room) if (peer !== socket) peer.send(data);
  });
  socket.on('close', () => room.delete(socket));
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
