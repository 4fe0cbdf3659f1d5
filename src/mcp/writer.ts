/**
 * Kept for existing importers (src/install, src/doctor): the config-writer interface and `writerFor` live with the
 * text-editing code in src/writers/config-writer.ts. mcp/ depends on writers/, never the other way round.
 */
export { writerFor, type McpConfigWriter } from '../writers/config-writer.js'
