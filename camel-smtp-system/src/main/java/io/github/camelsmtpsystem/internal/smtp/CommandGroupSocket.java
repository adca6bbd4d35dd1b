package io.github.camelsmtpsystem.internal.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/** A plain socket whose output sends pipelined command groups in one write (see {@link CommandGroupOutputStream}). */
final class CommandGroupSocket extends Socket {

    private OutputStream output;

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (output == null) {
            output = CommandGroupOutputStream.of(super.getOutputStream());
        }
        return output;
    }
}
