package io.aibrix.gateway.enginestats;

import java.util.Collection;

import io.aibrix.gateway.endpoint.Endpoint;

/**
 * The engines the scraper should watch right now, typically every endpoint of the current discovery snapshot. Called
 * once per scrape interval on a non-blocking thread, so it must be a cheap, non-blocking read. Endpoints that are not
 * {@link Endpoint#ready() ready} are ignored; one engine listed under several models is scraped once.
 */
@FunctionalInterface
public interface ScrapeTargets {

    Collection<Endpoint> endpoints();
}
