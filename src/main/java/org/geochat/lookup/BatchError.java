package org.geochat.lookup;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.geochat.core.Problem;

/** What stands in a batch answer in place of an entry that could not be located: the entry and why. */
@JsonbPropertyOrder({"ip", "error"})
public record BatchError(String ip, Problem error) {}
