package dev.duplex.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Has browsers revalidate the page's assets on every load; one that has not changed costs a 304.
 * The page's scripts are modules that import one another by name: left to a browser's heuristic
 * freshness, a visit after an upgrade could run new modules beside old cached ones, and one import
 * of a name an old module lacks stops the whole page.
 */
public final class AssetRevalidationFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Cache-Control", "no-cache");
        chain.doFilter(request, response);
    }
}
