/**
 * The MongoDB storage adapter, reading and writing Parse Server's exact document layout (checked
 * against a dump of a database written by Parse Server 9.10 and Parse Server's MongoTransform.js,
 * MongoSchemaCollection.js and MongoStorageAdapter.js).
 *
 * <ul>
 *   <li>{@link dev.jakartaparse.storage.mongo.MongoStorageAdapter}: the StorageAdapter.</li>
 *   <li>{@link dev.jakartaparse.storage.mongo.MongoTransform}: objects, updates, projections, sorts.</li>
 *   <li>{@link dev.jakartaparse.storage.mongo.MongoQueryTransform}: where clauses.</li>
 *   <li>{@link dev.jakartaparse.storage.mongo.MongoAggregateTransform}: aggregate pipelines.</li>
 *   <li>{@link dev.jakartaparse.storage.mongo.MongoValueCodec}: single values (dates, pointers, geo, bytes, files).</li>
 *   <li>{@link dev.jakartaparse.storage.mongo.MongoSchemaCollection}: the _SCHEMA collection.</li>
 *   <li>{@link dev.jakartaparse.storage.mongo.WhereSplitter} and {@code ResidualEvaluator}: geo/$text in
 *       memory on the embedded backend.</li>
 * </ul>
 *
 * <p>May depend on the storage SPI, {@code model}, {@code core.query} (the in-memory evaluation) and
 * the MongoDB Java driver. Only {@code bootstrap} names it (ArchitectureTest).
 *
 * <p>Deliberate differences from Parse Server: equality with a whole array is allowed in where clauses;
 * $containedBy only moves its own $elemMatch into $nor (Parse moves the field's whole constraint);
 * _rperm/_wperm $in lists always include null (objects without perms are public); /schemas index
 * specs are created on stored column names (_p_ for pointers); dates inside private auth fields come
 * back as {"__type":"Date"} maps rather than raw dates.
 */
package dev.jakartaparse.storage.mongo;
