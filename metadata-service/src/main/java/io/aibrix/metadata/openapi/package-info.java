/** The service's OpenAPI document. */
package io.aibrix.metadata.openapi;
