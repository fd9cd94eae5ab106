package io.taleforge.approval.service;

/** A story approval-service has never seen, or a scene outside the story: answered 404 by rest/ApprovalProblemMapper. */
public class NotFound extends RuntimeException {

    private final String what;

    public NotFound(String what) {
        super(what + " does not exist");
        this.what = what;
    }

    /** What was looked for, for example {@code story <id>}. */
    public String what() {
        return what;
    }
}
