package org.geochat.core;

/**
 * Carries a {@link Problem} to the {@link ProblemMapper}, or into a failed stage. It is an expected outcome
 * (bad input, a slow upstream), not a bug, so it records no stack trace.
 */
public final class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.code() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
