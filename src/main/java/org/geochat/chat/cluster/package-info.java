/** Chat rooms shared by several geochat nodes through Redis Streams, and what a node does while Redis is away. */
package org.geochat.chat.cluster;
