// The DOM helpers the page scripts share (ES module): text only, no markup is ever parsed from strings.

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/**
 * A function that shows a status text in the element with this id, marked as an error or not; the element is
 * looked up on each call.
 */
export function statusLine(id) {
    return (text, isError = false) => {
        const status = $(id);
        status.textContent = text;
        status.classList.toggle('error', isError);
    };
}
