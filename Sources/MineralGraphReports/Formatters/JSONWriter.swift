import Foundation
import MineralGraphAnalysis
import MineralGraphCore

/// Writes an `Encodable` value as JSON in the report style — pretty-printed with two spaces,
/// `"key" : value`, keys sorted by their UTF-8 bytes, property names converted to snake_case,
/// slashes not escaped, non-finite numbers as the strings `inf`, `-inf` and `nan` — byte for
/// byte as Foundation's `JSONEncoder` with those settings writes it, without its cost.
///
/// Foundation's encoder converts every key of every object anew (41 % of a report's JSON time)
/// and boxes every value in Foundation types. Here each distinct property name is converted once,
/// values become a small tree of Swift enums, and the tree is written into one byte buffer. Keys of
/// `[String: V]` dictionaries are written as they are, as `JSONEncoder` does. A test compares the
/// output with `JSONEncoder`'s for every report of the bundled graphs and what-if scenarios.
public enum JSONWriter {
    /// `value` as JSON text, ending in a line break.
    public static func encode(_ value: some Encodable) throws -> String {
        let root = try Tree.box(value, keys: KeyConverter())
        var output = Output()
        output.bytes.reserveCapacity(1 << 16)
        output.write(root, indent: 0)
        output.bytes.append(0x0A)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// `JSONEncoder.KeyEncodingStrategy.convertToSnakeCase`: words split where a lower-case
    /// letter is followed by an upper-case one and before the last capital of a run of capitals
    /// followed by a lower-case letter (`valueUSD` → `value_usd`, `HTTPServer` → `h_ttp_server`),
    /// joined with `_`, lower-cased.
    static func snakeCase(_ key: String) -> String {
        let scalars = Array(key.unicodeScalars)
        guard !scalars.isEmpty else { return key }
        func isUpper(_ s: Unicode.Scalar) -> Bool {
            let category = s.properties.generalCategory
            return category == .uppercaseLetter || category == .titlecaseLetter
        }
        func isLower(_ s: Unicode.Scalar) -> Bool { s.properties.generalCategory == .lowercaseLetter }
        func first(_ test: (Unicode.Scalar) -> Bool, in range: Range<Int>) -> Int? {
            range.first { test(scalars[$0]) }
        }
        var words: [Range<Int>] = []
        var wordStart = 0
        var search = 1..<scalars.count
        while let upper = first(isUpper, in: search) {
            words.append(wordStart..<upper)
            search = upper..<search.upperBound
            guard let lower = first(isLower, in: search) else {
                wordStart = search.lowerBound
                break
            }
            if lower == upper + 1 {
                wordStart = upper
            } else {
                words.append(upper..<(lower - 1))
                wordStart = lower - 1
            }
            search = (lower + 1)..<search.upperBound
        }
        words.append(wordStart..<search.upperBound)
        return words.map { range in
            var word = String.UnicodeScalarView()
            word.append(contentsOf: scalars[range])
            return String(word).lowercased()
        }.joined(separator: "_")
    }

    /// Converts each distinct property name once, and keeps how each type's values are boxed.
    final class KeyConverter {
        private var converted: [String: String] = [:]
        private var kinds: [ObjectIdentifier: Kind] = [:]

        /// How values of `type` are boxed, decided once per type rather than by casting every value.
        func kind<T>(of type: T.Type) -> Kind {
            if let known = kinds[ObjectIdentifier(type)] { return known }
            let kind = Kind(type)
            kinds[ObjectIdentifier(type)] = kind
            return kind
        }

        func callAsFunction(_ key: String) -> String {
            if let known = converted[key] { return known }
            let result = JSONWriter.snakeCase(key)
            converted[key] = result
            return result
        }
    }

    // MARK: The value tree

    enum Tree {
        case null
        case bool(Bool)
        /// A number already in its JSON form.
        case number(String)
        case string(String)
        case array(ArrayBox)
        case object(ObjectBox)

        static func double(_ value: Double) -> Tree {
            guard value.isFinite else { return .string(value.isNaN ? "nan" : value < 0 ? "-inf" : "inf") }
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            return .number(text)
        }

        static func float(_ value: Float) -> Tree {
            guard value.isFinite else { return .string(value.isNaN ? "nan" : value < 0 ? "-inf" : "inf") }
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            return .number(text)
        }

        /// `value` as a tree; `keys` converts property names.
        static func box<T: Encodable>(_ value: T, keys: KeyConverter, path: CodingPath = CodingPath()) throws -> Tree {
            switch keys.kind(of: T.self) {
            case .string: return .string(value as! String)
            case .double: return .double(value as! Double)
            case .int: return .number(String(value as! Int))
            case .bool: return .bool(value as! Bool)
            case .url: return .string((value as! URL).absoluteString)
            case .rawString: return .string((value as! any JSONRawString).rawValue)
            case .dictionary: return try (value as! any StringKeyedDictionary).tree(keys: keys, path: path)
            case .array:
                let array = value as! any LongArray
                if array.count >= parallelItems { return try array.tree(keys: keys, path: path) }
            case .other: break
            }
            let encoder = TreeEncoder(keys: keys, path: path)
            try value.encode(to: encoder)
            return encoder.value ?? .object(ObjectBox())
        }
    }

    /// What ``Tree/box(_:keys:path:)`` does with values of a type: write them itself, or let
    /// them encode themselves (`other`, and arrays shorter than ``parallelItems``).
    enum Kind {
        case string, double, int, bool, url, rawString, dictionary, array, other

        init<T>(_ type: T.Type) {
            self = switch type {
            case is String.Type: .string
            case is Double.Type: .double
            case is Int.Type: .int
            case is Bool.Type: .bool
            case is URL.Type: .url
            case is any JSONRawString.Type: .rawString
            case is any StringKeyedDictionary.Type: .dictionary
            case is any LongArray.Type: .array
            default: .other
            }
        }
    }

    /// Arrays of at least this many items are boxed and written in chunks on every core (the
    /// per-node rows of a large what-if or report), joined in order: the same bytes.
    static let parallelItems = 2048

    /// Items per chunk of a long array.
    static let chunkItems = 1024

    /// A value handed to another thread: trees and arrays of `Encodable` values are only read
    /// there, and each chunk gets its own ``KeyConverter``.
    struct Shared<Value>: @unchecked Sendable {
        let value: Value
    }

    /// Where a value sits, for the context of an encoding error: the encoder of the enclosing
    /// value and the key under it. The path is spelled out (``keys``) only when asked for, so
    /// encoding a value allocates no array of keys.
    struct CodingPath {
        fileprivate var parent: TreeEncoder?
        var key: (any CodingKey)?

        var keys: [any CodingKey] { (parent?.codingPath ?? []) + (key.map { [$0] } ?? []) }
    }

    final class ArrayBox {
        var items: [Tree] = []
    }

    final class ObjectBox {
        /// In the order written; a key written twice keeps its last value.
        var entries: [(key: String, value: Tree)] = []
    }

    // MARK: Output

    struct Output {
        var bytes: [UInt8] = []

        mutating func spaces(_ n: Int) {
            bytes.append(contentsOf: repeatElement(0x20, count: n))
        }

        mutating func write(_ tree: Tree, indent: Int) {
            switch tree {
            case .null: bytes.append(contentsOf: "null".utf8)
            case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
            case .number(let text): bytes.append(contentsOf: text.utf8)
            case .string(let text): string(text)
            case .array(let array):
                bytes.append(UInt8(ascii: "["))
                bytes.append(0x0A)
                if array.items.isEmpty { bytes.append(0x0A) }
                if array.items.count >= parallelItems {
                    let items = Shared(value: array.items)
                    let chunks = Parallel.map(0..<(items.value.count + chunkItems - 1) / chunkItems) { c in
                        var part = Output()
                        part.items(items.value, c * chunkItems..<min(items.value.count, (c + 1) * chunkItems), indent: indent)
                        return part.bytes
                    }
                    for chunk in chunks { bytes += chunk }
                } else {
                    items(array.items, array.items.indices, indent: indent)
                }
                spaces(indent)
                bytes.append(UInt8(ascii: "]"))
            case .object(let object):
                bytes.append(UInt8(ascii: "{"))
                bytes.append(0x0A)
                let entries = Self.sorted(object.entries)
                if entries.isEmpty { bytes.append(0x0A) }
                for (i, entry) in entries.enumerated() {
                    spaces(indent + 2)
                    string(entry.key)
                    bytes.append(contentsOf: " : ".utf8)
                    write(entry.value, indent: indent + 2)
                    if i < entries.count - 1 { bytes.append(UInt8(ascii: ",")) }
                    bytes.append(0x0A)
                }
                spaces(indent)
                bytes.append(UInt8(ascii: "}"))
            }
        }

        /// The items `range` of an array at `indent`, each on its own line.
        mutating func items(_ items: [Tree], _ range: Range<Int>, indent: Int) {
            for i in range {
                spaces(indent + 2)
                write(items[i], indent: indent + 2)
                if i < items.count - 1 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(0x0A)
            }
        }

        /// Entries sorted by the UTF-8 bytes of their keys; of a key written twice, the last value.
        static func sorted(_ entries: [(key: String, value: Tree)]) -> [(key: String, value: Tree)] {
            let order = entries.indices.sorted { a, b in
                switch compareBytes(entries[a].key, entries[b].key) {
                case 0: a < b
                case let order: order < 0
                }
            }
            var result: [(key: String, value: Tree)] = []
            result.reserveCapacity(entries.count)
            for (k, i) in order.enumerated() {
                if k + 1 < order.count, entries[order[k + 1]].key == entries[i].key { continue }
                result.append(entries[i])
            }
            return result
        }

        /// The order of `x` and `y` by their UTF-8 bytes (negative, zero or positive), compared
        /// in place where both are stored contiguously.
        static func compareBytes(_ x: String, _ y: String) -> Int {
            var x = x, y = y
            return x.withUTF8 { a in
                y.withUTF8 { b in
                    let common = Swift.min(a.count, b.count)
                    let order = common == 0 ? 0 : Int(memcmp(a.baseAddress!, b.baseAddress!, common))
                    return order != 0 ? order : a.count - b.count
                }
            }
        }

        private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

        mutating func string(_ text: String) {
            bytes.append(UInt8(ascii: "\""))
            if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == 0x5C }) {
                bytes.append(contentsOf: text.utf8)
                bytes.append(UInt8(ascii: "\""))
                return
            }
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, UInt8(ascii: "\"")])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                case 0..<0x20:
                    bytes.append(contentsOf: Array("\\u00".utf8))
                    bytes.append(Self.hex[Int(byte >> 4)])
                    bytes.append(Self.hex[Int(byte & 0xF)])
                default: bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}

/// Types whose JSON is their raw value as one string, as the standard library encodes
/// `String`-backed `RawRepresentable` types (and as `CountryCode` and `MineralID` encode
/// themselves): boxed without an encoder.
protocol JSONRawString {
    var rawValue: String { get }
}

extension CountryCode: JSONRawString {}
extension MineralID: JSONRawString {}
extension Stage: JSONRawString {}
extension FlowType: JSONRawString {}
extension ReasonCode: JSONRawString {}
extension ShockFlowBasis: JSONRawString {}

/// `[String: V]` dictionaries, whose keys are data and are written unconverted.
protocol StringKeyedDictionary {
    func tree(keys: JSONWriter.KeyConverter, path: JSONWriter.CodingPath) throws -> JSONWriter.Tree
}

extension Dictionary: StringKeyedDictionary where Key == String, Value: Encodable {
    func tree(keys: JSONWriter.KeyConverter, path: JSONWriter.CodingPath) throws -> JSONWriter.Tree {
        let object = JSONWriter.ObjectBox()
        object.entries.reserveCapacity(count)
        for (key, value) in self {
            object.entries.append((key, try JSONWriter.Tree.box(value, keys: keys, path: path)))
        }
        return .object(object)
    }
}

/// Arrays of `Encodable` items, boxed in chunks on every core when long
/// (``JSONWriter/parallelItems``).
protocol LongArray {
    var count: Int { get }
    func tree(keys: JSONWriter.KeyConverter, path: JSONWriter.CodingPath) throws -> JSONWriter.Tree
}

extension Array: LongArray where Element: Encodable {
    func tree(keys: JSONWriter.KeyConverter, path: JSONWriter.CodingPath) throws -> JSONWriter.Tree {
        let chunk = JSONWriter.chunkItems, count = count
        // The items' type stays out of the closure that runs on other threads.
        let box = JSONWriter.Shared(value: { (range: Range<Int>) -> Result<[JSONWriter.Tree], any Error> in
            let keys = JSONWriter.KeyConverter()
            return Result { try self[range].map { try JSONWriter.Tree.box($0, keys: keys, path: path) } }
        })
        let boxed = Parallel.map(0..<(count + chunk - 1) / chunk) { c in
            JSONWriter.Shared(value: box.value(c * chunk..<Swift.min(count, (c + 1) * chunk)))
        }
        let array = JSONWriter.ArrayBox()
        array.items.reserveCapacity(count)
        for part in boxed { array.items += try part.value.get() }
        return .array(array)
    }
}

// MARK: The Encoder

private final class TreeEncoder: Encoder {
    let keys: JSONWriter.KeyConverter
    let path: JSONWriter.CodingPath
    var codingPath: [CodingKey] { path.keys }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var value: JSONWriter.Tree?

    init(keys: JSONWriter.KeyConverter, path: JSONWriter.CodingPath) {
        self.keys = keys
        self.path = path
    }

    /// The path of a value under `key` of this encoder's value.
    func child(_ key: (any CodingKey)?) -> JSONWriter.CodingPath { JSONWriter.CodingPath(parent: self, key: key) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object(let object)? = value {
            return KeyedEncodingContainer(KeyedContainer(object: object, encoder: self))
        }
        let object = JSONWriter.ObjectBox()
        value = .object(object)
        return KeyedEncodingContainer(KeyedContainer(object: object, encoder: self))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .array(let array)? = value { return UnkeyedContainer(array: array, encoder: self) }
        let array = JSONWriter.ArrayBox()
        value = .array(array)
        return UnkeyedContainer(array: array, encoder: self)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { SingleContainer(encoder: self) }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let encoder: TreeEncoder
    var codingPath: [CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.value = .null }
    mutating func encode(_ value: Bool) throws { encoder.value = .bool(value) }
    mutating func encode(_ value: String) throws { encoder.value = .string(value) }
    mutating func encode(_ value: Double) throws { encoder.value = .double(value) }
    mutating func encode(_ value: Float) throws { encoder.value = .float(value) }
    mutating func encode(_ value: Int) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: Int8) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: Int16) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: Int32) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: Int64) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: UInt) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: UInt8) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: UInt16) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: UInt32) throws { encoder.value = .number(String(value)) }
    mutating func encode(_ value: UInt64) throws { encoder.value = .number(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.value = try JSONWriter.Tree.box(value, keys: encoder.keys, path: encoder.path)
    }
}

/// A keyed container of `encoder`'s value, which is `object`.
private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: JSONWriter.ObjectBox
    let encoder: TreeEncoder
    var codingPath: [CodingKey] { encoder.codingPath }

    private func put(_ value: JSONWriter.Tree, _ key: Key) {
        object.entries.append((encoder.keys(key.stringValue), value))
    }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(.double(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(.float(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.number(String(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(.number(String(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(.number(String(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(.number(String(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(.number(String(value)), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(.number(String(value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.number(String(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.number(String(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.number(String(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(.number(String(value)), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        put(try JSONWriter.Tree.box(value, keys: encoder.keys, path: encoder.child(key)), key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONWriter.ObjectBox()
        put(.object(nested), key)
        let level = TreeEncoder(keys: encoder.keys, path: encoder.child(key))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: nested, encoder: level))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let nested = JSONWriter.ArrayBox()
        put(.array(nested), key)
        return UnkeyedContainer(array: nested, encoder: TreeEncoder(keys: encoder.keys, path: encoder.child(key)))
    }

    mutating func superEncoder() -> Encoder { SuperEncoder(object: object, key: "super", keys: encoder.keys, path: encoder.path) }

    mutating func superEncoder(forKey key: Key) -> Encoder {
        SuperEncoder(object: object, key: encoder.keys(key.stringValue), keys: encoder.keys, path: encoder.child(key))
    }
}

/// An unkeyed container of `encoder`'s value, which is `array`.
private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let array: JSONWriter.ArrayBox
    let encoder: TreeEncoder
    var codingPath: [CodingKey] { encoder.codingPath }
    var count: Int { array.items.count }

    mutating func encodeNil() throws { array.items.append(.null) }
    mutating func encode(_ value: Bool) throws { array.items.append(.bool(value)) }
    mutating func encode(_ value: String) throws { array.items.append(.string(value)) }
    mutating func encode(_ value: Double) throws { array.items.append(.double(value)) }
    mutating func encode(_ value: Float) throws { array.items.append(.float(value)) }
    mutating func encode(_ value: Int) throws { array.items.append(.number(String(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        array.items.append(try JSONWriter.Tree.box(value, keys: encoder.keys, path: encoder.path))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONWriter.ObjectBox()
        array.items.append(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: nested, encoder: TreeEncoder(keys: encoder.keys, path: encoder.path)))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let nested = JSONWriter.ArrayBox()
        array.items.append(.array(nested))
        return UnkeyedContainer(array: nested, encoder: TreeEncoder(keys: encoder.keys, path: encoder.path))
    }

    mutating func superEncoder() -> Encoder {
        let slot = TreeEncoder(keys: encoder.keys, path: encoder.path)
        let index = array.items.count
        array.items.append(.null)
        return ArraySlotEncoder(base: slot, array: array, index: index)
    }
}

/// The encoder a keyed container's `superEncoder` hands out: what is encoded lands under `key`.
private final class SuperEncoder: Encoder {
    let object: JSONWriter.ObjectBox
    let key: String
    let base: TreeEncoder
    var codingPath: [CodingKey] { base.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(object: JSONWriter.ObjectBox, key: String, keys: JSONWriter.KeyConverter, path: JSONWriter.CodingPath) {
        self.object = object
        self.key = key
        base = TreeEncoder(keys: keys, path: path)
    }

    deinit { object.entries.append((key, base.value ?? .object(JSONWriter.ObjectBox()))) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> { base.container(keyedBy: type) }
    func unkeyedContainer() -> UnkeyedEncodingContainer { base.unkeyedContainer() }
    func singleValueContainer() -> SingleValueEncodingContainer { base.singleValueContainer() }
}

/// The encoder an unkeyed container's `superEncoder` hands out: what is encoded fills its slot.
private final class ArraySlotEncoder: Encoder {
    let base: TreeEncoder
    let array: JSONWriter.ArrayBox
    let index: Int
    var codingPath: [CodingKey] { base.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(base: TreeEncoder, array: JSONWriter.ArrayBox, index: Int) {
        self.base = base
        self.array = array
        self.index = index
    }

    deinit { array.items[index] = base.value ?? .object(JSONWriter.ObjectBox()) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> { base.container(keyedBy: type) }
    func unkeyedContainer() -> UnkeyedEncodingContainer { base.unkeyedContainer() }
    func singleValueContainer() -> SingleValueEncodingContainer { base.singleValueContainer() }
}
