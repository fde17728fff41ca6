/**
 * The custom resources and their spec and status types, with no logic beyond defaults.
 *
 * <p>Every field carries a {@code @JsonPropertyDescription}: the CRD generator copies it into the
 * schema, so {@code kubectl explain} shows the same text a reader of this code sees. Absent
 * optional fields are {@code null}; the small helper methods without a {@code get}/{@code is}
 * prefix apply the defaults that the schema also declares, since a mock or an old API server may
 * not have applied them.
 */
package io.pixelpolish.operator.api;
