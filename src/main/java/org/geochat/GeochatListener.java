package org.geochat;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.geochat.core.Settings;

/** Starts geochat's components before the JAX-RS servlet needs them and closes them on undeploy. */
@WebListener
public final class GeochatListener implements ServletContextListener {

    private static final String ATTRIBUTE = Geochat.class.getName();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Settings settings = new Settings(System::getProperty, System::getenv, context::getInitParameter);
        context.setAttribute(ATTRIBUTE, Geochat.start(Config.from(settings), context));
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (event.getServletContext().getAttribute(ATTRIBUTE) instanceof Geochat geochat) {
            event.getServletContext().removeAttribute(ATTRIBUTE);
            geochat.close();
        }
    }

    /** The components {@link #contextInitialized} built for this web application. */
    static Geochat of(ServletContext context) {
        if (context.getAttribute(ATTRIBUTE) instanceof Geochat geochat) {
            return geochat;
        }
        throw new IllegalStateException("geochat did not start; see the log for the reason");
    }
}
