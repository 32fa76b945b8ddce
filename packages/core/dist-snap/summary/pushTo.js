/**
 * Appends a value to the list of a key (groups cells by key in linear time; copying the list
 * on each append was quadratic and cost minutes for provinces of thousands of schools).
 *
 * @example
 * const m = new Map<string, number[]>(); pushTo(m, 'a', 1); pushTo(m, 'a', 2); m.get('a'); // => [1, 2]
 */
export function pushTo(map, key, value) {
    const list = map.get(key);
    if (list)
        list.push(value);
    else
        map.set(key, [value]);
}
//# sourceMappingURL=pushTo.js.map