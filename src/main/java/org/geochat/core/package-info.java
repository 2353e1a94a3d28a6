/** Wiring, settings, the CompletionStage-to-AsyncResponse bridge and problem+json errors shared by every feature. */
package org.geochat.core;
