import { parseInput, type MudAction } from './input.js';

describe('parseInput', () => {
  test.each<[string, MudAction]>([
    ['', { kind: 'none' }],
    ['   ', { kind: 'none' }],
    ['n', { kind: 'move', move: { heading: 0, speed: 5 } }],
    ['NE', { kind: 'move', move: { heading: 45, speed: 5 } }],
    ['east', { kind: 'move', move: { heading: 90, speed: 5 } }],
    ['south-west', { kind: 'move', move: { heading: 225, speed: 5 } }],
    ['nw', { kind: 'move', move: { heading: 315, speed: 5 } }],
    ['stop', { kind: 'move', move: { stop: true } }],
    ['approach', { kind: 'approach' }],
    ['goto 10 -20.5', { kind: 'move', move: { target: { x: 10, y: -20.5 } } }],
    ['goto 3,4', { kind: 'move', move: { target: { x: 3, y: 4 } } }],
    ['goto somewhere', { kind: 'command', text: 'goto somewhere' }],
    ['l', { kind: 'command', text: '/look' }],
    ['look', { kind: 'command', text: '/look' }],
    ['/look', { kind: 'command', text: '/look' }],
    ['  /say hello there  ', { kind: 'command', text: '/say hello there' }],
    ['hello world', { kind: 'command', text: 'hello world' }],
    ['north is that way', { kind: 'command', text: 'north is that way' }],
    ['quit', { kind: 'quit' }],
    ['exit', { kind: 'quit' }],
    ['?', { kind: 'help' }],
    ['wait 1.5', { kind: 'wait', ms: 1500 }],
    ['wait 3000', { kind: 'wait', ms: 60_000 }],
    ['wait', { kind: 'command', text: 'wait' }],
    ['who', { kind: 'command', text: '/who' }],
    ['i', { kind: 'table', what: 'inventory', text: '/inventory' }],
    ['INV', { kind: 'table', what: 'inventory', text: '/inventory' }],
    ['/i', { kind: 'table', what: 'inventory', text: '/inventory' }],
    ['/inventory', { kind: 'table', what: 'inventory', text: '/inventory' }],
    ['/quests', { kind: 'table', what: 'quests', text: '/quests' }],
    ['quests', { kind: 'table', what: 'quests', text: '/quests' }],
    ['/inventory sort', { kind: 'command', text: '/inventory sort' }],
  ])('%p', (line, action) => {
    expect(parseInput(line)).toEqual(action);
  });

  test('walking speed is configurable', () => {
    expect(parseInput('s', 2)).toEqual({ kind: 'move', move: { heading: 180, speed: 2 } });
  });
});
