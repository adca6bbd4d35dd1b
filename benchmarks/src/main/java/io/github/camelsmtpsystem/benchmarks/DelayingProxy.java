package io.github.camelsmtpsystem.benchmarks;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on loopback that makes a server look one network round trip away: every byte reaches the other side
 * half a round trip after it was sent, in each direction, without limiting bandwidth (data keeps flowing while earlier
 * data is still "in flight"). A new connection reaches the server 1.5 round trips after the client connected, as after
 * a TCP handshake (SYN, SYN-ACK, ACK), so the server's first bytes arrive 2 round trips after the client's connect, as
 * on a real network. Only the latency of a wide-area link is simulated, not loss or limited bandwidth.
 */
public final class DelayingProxy implements Closeable {

    private static final int CHUNK = 64 * 1024;
    private static final byte[] END = new byte[0];

    private final InetSocketAddress target;
    private final long oneWayNanos;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    /** Times a client waited for its server: a connection's handshake, and each time it spoke after the server. */
    private final AtomicLong turns = new AtomicLong();

    private volatile boolean closed;

    /**
     * Listens on an ephemeral port of 127.0.0.1.
     *
     * @param targetHost     where the server listens (loopback)
     * @param targetPort     its port
     * @param roundTripNanos the round trip to simulate
     */
    public DelayingProxy(String targetHost, int targetPort, long roundTripNanos) throws IOException {
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.oneWayNanos = roundTripNanos / 2;
        this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "delaying-proxy-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(this::accept);
    }

    /** The port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /**
     * How many round trips the clients waited for, all connections together: one for each connection's TCP handshake,
     * and one each time a client sent after its server had sent last (it had waited for a reply). Pipelined commands
     * sent while replies are still coming count no turn; turns of parallel connections overlap in time.
     */
    public long turns() {
        return turns.get();
    }

    /** How many connections the proxy has accepted. */
    public long connections() {
        return connections.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                long acceptedAt = System.nanoTime();
                connections.incrementAndGet();
                client.setTcpNoDelay(true);
                Connection connection = new Connection(client);
                turns.incrementAndGet();
                // SYN, SYN-ACK, ACK: the server sees the connection 1.5 round trips after the client started it
                threads.execute(() -> connection.connect(acceptedAt + 3 * oneWayNanos));
                threads.execute(() -> connection.pump(true));
                threads.execute(() -> connection.pump(false));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("delaying proxy: accept failed: " + e);
                }
            }
        }
    }

    /** One proxied connection: the client's socket, the server's (once connected), and the two directions. */
    private final class Connection {
        private final Socket client;
        private final CompletableFuture<Socket> upstream = new CompletableFuture<>();
        private final AtomicInteger directionsDone = new AtomicInteger();
        /** Whether the server sent last: the client's next bytes end a wait. The greeting comes first. */
        private volatile boolean serverSentLast = true;

        Connection(Socket client) {
            this.client = client;
            open.add(client);
        }

        void connect(long atNanos) {
            sleepUntil(atNanos);
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(target, 10_000);
                open.add(socket);
                upstream.complete(socket);
            } catch (IOException e) {
                upstream.completeExceptionally(e);
                closeQuietly(socket);
                closeBoth();
            }
        }

        /**
         * Moves one direction's bytes: a reader takes them off the source socket as soon as they come, and this thread
         * writes each chunk to the other side once it has been in flight for half a round trip.
         */
        void pump(boolean toServer) {
            BlockingQueue<Chunk> inFlight = new LinkedBlockingQueue<>();
            Socket to;
            try {
                if (toServer) {
                    // the client's first bytes are read at once; they wait in flight for the connection
                    threads.execute(() -> read(client, inFlight));
                    to = upstream.get(30, TimeUnit.SECONDS);
                } else {
                    Socket from = upstream.get(30, TimeUnit.SECONDS);
                    threads.execute(() -> read(from, inFlight));
                    to = client;
                }
            } catch (Exception e) {
                closeBoth();
                return;
            }
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Chunk chunk = inFlight.take();
                    sleepUntil(chunk.sentAtNanos() + oneWayNanos);
                    if (chunk.data() == END) {
                        to.shutdownOutput();
                        break;
                    }
                    out.write(chunk.data());
                    out.flush();
                }
                if (directionsDone.incrementAndGet() == 2) {
                    closeBoth();
                }
            } catch (IOException e) {
                closeBoth();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeBoth();
            }
        }

        private void read(Socket from, BlockingQueue<Chunk> inFlight) {
            try {
                InputStream in = from.getInputStream();
                byte[] buffer = new byte[CHUNK];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (n > 0) {
                        if (from != client) {
                            serverSentLast = true;
                        } else if (serverSentLast) {
                            serverSentLast = false;
                            turns.incrementAndGet();
                        }
                        inFlight.add(new Chunk(System.nanoTime(), Arrays.copyOf(buffer, n)));
                    }
                }
            } catch (IOException e) {
                // reset or closed: what was read still arrives, then the end
            }
            inFlight.add(new Chunk(System.nanoTime(), END));
        }

        void closeBoth() {
            close(client);
            upstream.thenAccept(DelayingProxy.this::close);
        }
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static void sleepUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(this::close);
        threads.shutdownNow();
    }

    private record Chunk(long sentAtNanos, byte[] data) {}
}
