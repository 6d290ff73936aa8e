/**
 * The application's own issuer: the RSA signing key kept in a file, RS256 signing, the settings,
 * and the configuration source that hands the public key and issuer to MicroProfile JWT.
 */
package io.stratacache.identity.jwt;
