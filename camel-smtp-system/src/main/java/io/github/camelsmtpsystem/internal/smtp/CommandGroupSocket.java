package io.github.camelsmtpsystem.internal.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/** A plain socket whose output sends pipelined command groups in one write (see {@link CommandGroupOutputStream}). */
final class CommandGroupSocket extends Socket {

    private final CommandGroupOutputStream.OfSocket output = new CommandGroupOutputStream.OfSocket();

    @Override
    public OutputStream getOutputStream() throws IOException {
        return output.get(super::getOutputStream);
    }
}
