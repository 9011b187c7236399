package dev.jakartaparse.storage.mongo;

import org.bson.Document;

/**
 * Documents exactly as Parse Server 9.10 wrote them (copied from
 * shared/reference/mongo-format/collections.json, canonical Extended JSON).
 */
final class ParseSamples {
    private ParseSamples() {}

    static final String GAME_SCORE = """
            {"playedAt": {"$date": {"$numberLong": "1714979289123"}}, "tags": ["a", "c", "d"], "meta": {"level": {"$numberInt": "3"}, "nested": {"ok": true}, "list": [{"$numberInt": "1"}, "two"]}, "location": [{"$numberInt": "-30"}, {"$numberInt": "40"}], "raw": {"$binary": {"base64": "AAEC+v8=", "subType": "00"}}, "playerName": "full-types", "score": {"$numberInt": "1340"}, "ratio": {"$numberDouble": "0.25"}, "_p_player": "Player$yq0cjms0UO", "run": "mwsn38d6-full", "beforeSaveRan": true, "_id": "EIEhc1mz6H", "_created_at": {"$date": {"$numberLong": "1795400479870"}}, "_updated_at": {"$date": {"$numberLong": "1795400479974"}}}
            """;

    static final String SHAPE = """
            {"date": {"$date": {"$numberLong": "1704164645678"}}, "arr": [{"$numberInt": "1"}, "a", {"x": {"$numberInt": "1"}}, "z"], "obj": {"nested": {"deep": [{"$numberInt": "1"}, {"$numberInt": "2"}]}}, "geo": [{"$numberInt": "20"}, {"$numberInt": "10"}], "poly": {"type": "Polygon", "coordinates": [[[{"$numberInt": "0"}, {"$numberInt": "0"}], [{"$numberInt": "1"}, {"$numberInt": "0"}], [{"$numberInt": "1"}, {"$numberInt": "1"}], [{"$numberInt": "0"}, {"$numberInt": "1"}], [{"$numberInt": "0"}, {"$numberInt": "0"}]]]}, "bytes": {"$binary": {"base64": "AAEC", "subType": "00"}}, "file": "abc_hello.txt", "str": "s", "num": {"$numberDouble": "1.5"}, "int": {"$numberInt": "10"}, "bool": true, "nul": null, "_p_ptr": "Player$yIEOG6JxbK", "_id": "sDt2heCvLt", "_wperm": ["yK1XPLUSdq"], "_rperm": ["yK1XPLUSdq", "role:Editors"], "_acl": {"yK1XPLUSdq": {"w": true, "r": true}, "role:Editors": {"r": true}}, "_created_at": {"$date": {"$numberLong": "1795400501594"}}, "_updated_at": {"$date": {"$numberLong": "1795400501658"}}}
            """;

    static final String SECRET_A = """
            {"text": "for A only", "run": "mwsn38d6", "_id": "bFl4jUncdD", "_wperm": ["sTDn0Mwvmk"], "_rperm": ["sTDn0Mwvmk"], "_acl": {"sTDn0Mwvmk": {"w": true, "r": true}}, "_created_at": {"$date": {"$numberLong": "1795400483134"}}, "_updated_at": {"$date": {"$numberLong": "1795400483134"}}}
            """;

    static final String SECRET_ROLE = """
            {"text": "for Readers role", "run": "mwsn38d6", "_id": "ENtwIedjN4", "_wperm": ["sTDn0Mwvmk"], "_rperm": ["sTDn0Mwvmk", "role:Readers_mwsn38d6"], "_acl": {"sTDn0Mwvmk": {"w": true, "r": true}, "role:Readers_mwsn38d6": {"r": true}}, "_created_at": {"$date": {"$numberLong": "1795400483179"}}, "_updated_at": {"$date": {"$numberLong": "1795400483179"}}}
            """;

    static final String USER = """
            {"email": "Shape.User@Example.com", "username": "shape_user", "_id": "yK1XPLUSdq", "_hashed_password": "$2y$10$1nREOAstzsDFK0b1yDZ6LOyw342e5gsw/tc9qGrqGHprxsZTNhxku", "_wperm": ["yK1XPLUSdq"], "_rperm": ["yK1XPLUSdq"], "_acl": {"yK1XPLUSdq": {"w": true, "r": true}}, "_created_at": {"$date": {"$numberLong": "1795400501484"}}, "_updated_at": {"$date": {"$numberLong": "1795400501484"}}}
            """;

    static final String SESSION = """
            {"_session_token": "r:f8f00d1ed133d4fa9aa09bcc7c6bad81", "_p_user": "_User$yK1XPLUSdq", "createdWith": {"action": "signup", "authProvider": "password"}, "expiresAt": {"$date": {"$numberLong": "1826936501552"}}, "installationId": "ad85a719-5b1e-4a41-96be-ebd02dbbbc6a", "_id": "KogDZaNQgZ", "_created_at": {"$date": {"$numberLong": "1795400501552"}}, "_updated_at": {"$date": {"$numberLong": "1795400501552"}}}
            """;

    static final String JOIN = """
            {"_id": {"$oid": "20d236fb408d2867f81af8e0"}, "relatedId": "yq0cjms0UO", "owningId": "xWYppoIAJm"}
            """;

    static final String GLOBAL_CONFIG = """
            {"_id": {"$numberInt": "1"}, "params": {"welcomeMessage": "hi from mwsn38d6", "maxScore": {"$numberInt": "999"}, "flags": {"beta": true}, "internalSecret": "s3cr3t", "motd": "hi"}, "masterKeyOnly": {"welcomeMessage": false, "maxScore": false, "flags": false, "internalSecret": true, "motd": false}}
            """;

    static final String SCHEMA_USER = """
            {"_id": "_User", "objectId": "string", "updatedAt": "date", "createdAt": "date", "username": "string", "email": "string", "emailVerified": "boolean", "authData": "object", "_metadata": {"indexes": {"_id_": {"_id": {"$numberInt": "1"}}, "username_1": {"username": {"$numberInt": "1"}}, "case_insensitive_username": {"username": {"$numberInt": "1"}}, "case_insensitive_email": {"email": {"$numberInt": "1"}}, "email_1": {"email": {"$numberInt": "1"}}, "_email_verify_token": {"_email_verify_token": {"$numberInt": "1"}}, "_perishable_token": {"_perishable_token": {"$numberInt": "1"}}, "_auth_data_anonymous_id": {"_auth_data_anonymous.id": {"$numberInt": "1"}}}}}
            """;

    static final String SCHEMA_GAME_SCORE = """
            {"_id": "GameScore", "objectId": "string", "updatedAt": "date", "createdAt": "date", "location": "geopoint", "score": "number", "tags": "array", "meta": "object", "ratio": "number", "raw": "bytes", "player": "*Player", "run": "string", "playedAt": "date", "playerName": "string", "beforeSaveRan": "boolean", "cheatMode": "boolean", "optional": "string"}
            """;

    static final String SCHEMA_SHAPE = """
            {"_id": "Shape", "objectId": "string", "updatedAt": "date", "createdAt": "date", "date": "date", "geo": "geopoint", "poly": "polygon", "file": "file", "str": "string", "obj": "object", "bytes": "bytes", "bool": "boolean", "ptr": "*Player", "rel": "relation<Player>", "arr": "array", "num": "number", "int": "number"}
            """;

    static final String SCHEMA_SESSION = """
            {"_id": "_Session", "objectId": "string", "updatedAt": "date", "createdAt": "date", "user": "*_User", "installationId": "string", "sessionToken": "string", "expiresAt": "date", "createdWith": "object"}
            """;

    static final String SCHEMA_SECRET = """
            {"_id": "Secret", "objectId": "string", "updatedAt": "date", "createdAt": "date", "text": "string", "run": "string"}
            """;

    static final String SCHEMA_TEAM = """
            {"_id": "Team", "objectId": "string", "updatedAt": "date", "createdAt": "date", "name": "string", "members": "relation<Player>"}
            """;

    static Document doc(String extendedJson) {
        return Document.parse(extendedJson);
    }
}
