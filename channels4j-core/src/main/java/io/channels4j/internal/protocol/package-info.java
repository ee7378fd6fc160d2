/**
 * The protocol's naming and encoding rules that the client and the testkit's server must apply
 * alike: channel names and kinds, and query-string/form decoding. Not API: the module exports this
 * package to {@code io.channels4j.testkit} only, and anything here may change in any release.
 */
package io.channels4j.internal.protocol;
