/** Bearer-token protection of the admin ({@code /admin/v1}) and internal ({@code /internal/v1}) APIs. */
package io.aibrix.metadata.security;
