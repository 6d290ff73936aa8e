/**
 * Callers: the application as its own JWT issuer (admin tokens exchanged for {@code ADMIN_TOKEN},
 * demo users' tokens), and {@link io.stratacache.identity.Caller}, how any layer, a servlet filter
 * included, learns who is calling.
 */
package io.stratacache.identity;
