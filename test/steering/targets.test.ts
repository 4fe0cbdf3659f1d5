import { describe, expect, it } from 'vitest'
import { findAgent, type Agent } from '../../src/agents/registry.js'
import { steeringTargets } from '../../src/steering/targets.js'

const agents = (ids: string) => ids.split(',').map((id) => findAgent(id)!) as Agent[]
const summary = (ids: string) => {
  const { targets, duplicates } = steeringTargets(agents(ids))
  return { files: Object.fromEntries(targets.map((t) => [t.path, t.form === 'import' ? `import ${t.from}` : `block ${t.agents.join('+')}`])), duplicates }
}

// Copilot CLI loads AGENTS.md, CLAUDE.md and GEMINI.md together (REAL-CLIENTS.md): it must meet each pointer once.
describe('steeringTargets', () => {
  it.each([
    ['codex', { 'AGENTS.md': 'block codex' }],
    ['copilot', { 'AGENTS.md': 'block copilot' }],
    ['claude-code,copilot', { 'CLAUDE.md': 'block claude-code+copilot' }],
    ['gemini,copilot', { 'GEMINI.md': 'block gemini+copilot' }],
    ['codex,copilot,qwen', { 'AGENTS.md': 'block codex+qwen+copilot' }],
    ['claude-code,codex,copilot', { 'CLAUDE.md': 'import AGENTS.md', 'AGENTS.md': 'block codex+copilot' }],
    ['claude-code,gemini,copilot', { 'CLAUDE.md': 'import GEMINI.md', 'GEMINI.md': 'block gemini+copilot' }],
    ['claude-code,codex,gemini', { 'CLAUDE.md': 'block claude-code', 'AGENTS.md': 'block codex', 'GEMINI.md': 'block gemini' }],
    ['kiro,cursor', {}],
  ])('%s', (ids, files) => {
    expect(summary(ids)).toEqual({ files, duplicates: [] })
  })

  it('reports what cannot be avoided: AGENTS.md and GEMINI.md both hold the block, and Copilot reads both', () => {
    const { files, duplicates } = summary('claude-code,codex,gemini,copilot')
    expect(files).toEqual({ 'CLAUDE.md': 'import AGENTS.md', 'AGENTS.md': 'block codex+copilot', 'GEMINI.md': 'block gemini+copilot' })
    expect(duplicates).toEqual([{ agent: 'copilot', paths: ['AGENTS.md', 'GEMINI.md'] }])
  })

  it('order of the agents does not matter', () => {
    expect(summary('copilot,codex,claude-code')).toEqual(summary('claude-code,codex,copilot'))
  })
})
