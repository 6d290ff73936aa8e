/**
 * The demo data set: a deterministic generator (fixed seed and anchor date, same rows every time)
 * and the start-up job that writes it with JDBC batches when the database is empty.
 */
package io.stratacache.demo;
