/** The composition root: reads the settings, builds every feature once per deployment and closes them on undeploy. */
package org.geochat;
