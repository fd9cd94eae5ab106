package io.taleforge.film.process;

/** An outside program could not be started, failed (with the end of its stderr) or ran past its timeout. */
public class CommandException extends Exception {

    public CommandException(String message) {
        super(message);
    }

    public CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
