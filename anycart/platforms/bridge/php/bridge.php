<?php
/*
 * AnyCart connection bridge.
 *
 * Installed at <store root>/bridge2cart/bridge.php next to config.php (the store's keys). It
 * finds the cart's database settings in the cart's own config file and runs, for AnyCart only,
 * the operations AnyCart's schema drivers need: parameterized SQL on the cart's own tables,
 * and image files under the cart's image folder.
 *
 * Every request must be signed with the store's secret (HMAC-SHA256 over the whole body, which
 * carries the action, a timestamp and a one-time nonce) and its payload must be encrypted with
 * an AES-256-GCM key wrapped for this bridge's RSA key (RSA-OAEP). Unsigned, badly signed,
 * replayed or expired requests are refused before anything is touched. Answers are encrypted
 * with the request's AES key and zlib-compressed.
 *
 * PHP 7.4 - 8.x; needs pdo_mysql and openssl (zlib is used when present).
 */

define('ANYCART_BRIDGE', true);
define('ANYCART_BRIDGE_VERSION', '1.0.0');
const REPLAY_WINDOW_S = 300;
const MAX_BODY_BYTES = 16777216;
const MAX_FILE_BYTES = 8388608;
const IMAGE_EXTENSIONS = array('jpg', 'jpeg', 'png', 'gif', 'webp');

/* A refusal after the request was opened: answered sealed, as {"ok": false, "error": ...}. */
final class BridgeError extends Exception
{
    public $kind;

    public function __construct($kind, $message)
    {
        parent::__construct($message);
        $this->kind = $kind;
    }
}

function answer_json($status, $document)
{
    http_response_code($status);
    header('Content-Type: application/json');
    header('Cache-Control: no-store');
    echo json_encode($document);
    exit;
}

function refuse($kind, $message, $status)
{
    answer_json($status, array('ok' => false, 'error' => array('code' => $kind, 'message' => $message)));
}

// -- keys and cart detection -------------------------------------------------------------------

function load_keys()
{
    $file = __DIR__ . '/config.php';
    if (!is_file($file)) {
        refuse('not_configured', 'bridge2cart/config.php is missing', 500);
    }
    require $file;
    if (!defined('ANYCART_STORE_SECRET') || !defined('ANYCART_PRIVATE_KEY')) {
        refuse('not_configured', 'bridge2cart/config.php holds no store keys', 500);
    }
}

function store_root()
{
    if (defined('ANYCART_STORE_ROOT') && ANYCART_STORE_ROOT !== '') {
        return rtrim(ANYCART_STORE_ROOT, '/');
    }
    return dirname(__DIR__);
}

/* The value of define('NAME', 'value') in a PHP config file, read without running the file
 * (wp-config.php, for one, boots all of WordPress when included). */
function defined_in($text, $name)
{
    $pattern = '/define\s*\(\s*[\'"]' . preg_quote($name, '/') . '[\'"]\s*,\s*(?:[\'"]((?:[^\'"\\\\]|\\\\.)*)[\'"]|(\d+))\s*\)/';
    if (preg_match($pattern, $text, $m)) {
        return isset($m[2]) && $m[2] !== '' ? $m[2] : stripcslashes($m[1]);
    }
    return null;
}

function split_host($host, $port)
{
    if ($port === null && preg_match('/^(.+):(\d+)$/', (string)$host, $m)) {
        return array($m[1], (int)$m[2]);
    }
    return array((string)$host, $port === null ? 3306 : (int)$port);
}

function detect_cart()
{
    $root = store_root();
    if (is_file("$root/wp-config.php")) {
        $text = file_get_contents("$root/wp-config.php");
        $prefix = preg_match('/\$table_prefix\s*=\s*[\'"]([A-Za-z0-9_]*)[\'"]/', $text, $m) ? $m[1] : 'wp_';
        list($host, $port) = split_host(defined_in($text, 'DB_HOST'), null);
        $version = '';
        $plugin = "$root/wp-content/plugins/woocommerce/woocommerce.php";
        if (is_file($plugin) && preg_match('/^\s*\*\s*Version:\s*([0-9.]+)/m', file_get_contents($plugin), $m)) {
            $version = $m[1];
        }
        return array('cart' => is_file($plugin) ? 'woocommerce' : 'wordpress', 'cart_version' => $version,
            'host' => $host, 'port' => $port, 'user' => defined_in($text, 'DB_USER'),
            'password' => defined_in($text, 'DB_PASSWORD'), 'name' => defined_in($text, 'DB_NAME'),
            'prefix' => $prefix, 'image_dirs' => array('wp-content/uploads'));
    }
    if (is_file("$root/app/config/parameters.php")) {
        $config = include "$root/app/config/parameters.php";
        $p = isset($config['parameters']) ? $config['parameters'] : array();
        $port = isset($p['database_port']) && $p['database_port'] !== '' ? (int)$p['database_port'] : null;
        list($host, $port) = split_host(isset($p['database_host']) ? $p['database_host'] : 'localhost', $port);
        $version = '';
        foreach (array("$root/app/AppKernel.php", "$root/config/settings.inc.php") as $file) {
            if (is_file($file) && preg_match('/(?:const VERSION = |_PS_VERSION_\'\s*,\s*)\'([0-9.]+)\'/', file_get_contents($file), $m)) {
                $version = $m[1];
                break;
            }
        }
        return array('cart' => 'prestashop', 'cart_version' => $version, 'host' => $host, 'port' => $port,
            'user' => $p['database_user'], 'password' => $p['database_password'],
            'name' => $p['database_name'], 'prefix' => $p['database_prefix'], 'image_dirs' => array('img'));
    }
    if (is_file("$root/config.php") && is_file("$root/system/startup.php")) {
        $text = file_get_contents("$root/config.php");
        $port = defined_in($text, 'DB_PORT');
        list($host, $port) = split_host(defined_in($text, 'DB_HOSTNAME'), $port === null ? null : (int)$port);
        $version = '';
        if (is_file("$root/index.php")) {
            $version = (string)defined_in(file_get_contents("$root/index.php"), 'VERSION');
        }
        return array('cart' => 'opencart', 'cart_version' => $version, 'host' => $host, 'port' => $port,
            'user' => defined_in($text, 'DB_USERNAME'), 'password' => defined_in($text, 'DB_PASSWORD'),
            'name' => defined_in($text, 'DB_DATABASE'), 'prefix' => (string)defined_in($text, 'DB_PREFIX'),
            'image_dirs' => array('image'));
    }
    throw new BridgeError('cart_not_found', 'No supported cart found in the store root ' . $root);
}

function connect_db($cart)
{
    $dsn = 'mysql:host=' . $cart['host'] . ';port=' . $cart['port'] . ';dbname=' . $cart['name'] . ';charset=utf8mb4';
    try {
        return new PDO($dsn, $cart['user'], $cart['password'], array(
            PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
            PDO::ATTR_EMULATE_PREPARES => false,
            PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_NUM,
            PDO::MYSQL_ATTR_MULTI_STATEMENTS => false,
        ));
    } catch (PDOException $e) {
        throw new BridgeError('db_unreachable', 'Cannot connect to the cart database: ' . $e->getMessage());
    }
}

// -- request authentication --------------------------------------------------------------------

function b64d($text)
{
    $raw = base64_decode((string)$text, true);
    if ($raw === false) {
        refuse('bad_request', 'a field is not base64', 400);
    }
    return $raw;
}

/* Used nonces live beside the bridge for twice the replay window; a nonce seen again is
 * refused. They are spread over 16 files by first hex digit, so a busy store rewrites small
 * files under short locks. */
function spend_nonce($nonce, $ts)
{
    $file = __DIR__ . '/nonces-' . $nonce[0] . '.php';
    $handle = fopen($file, 'c+');
    if ($handle === false || !flock($handle, LOCK_EX)) {
        refuse('nonce_store', 'cannot lock the nonce file', 500);
    }
    $now = time();
    $kept = array();
    $seen = false;
    foreach (explode("\n", stream_get_contents($handle)) as $line) {
        $parts = explode(' ', trim($line));
        if (count($parts) !== 2 || !ctype_digit($parts[0])) {
            continue;
        }
        if ((int)$parts[0] >= $now - 2 * REPLAY_WINDOW_S) {
            $kept[] = $parts[0] . ' ' . $parts[1];
            $seen = $seen || hash_equals($parts[1], $nonce);
        }
    }
    if (!$seen) {
        $kept[] = $ts . ' ' . $nonce;
    }
    ftruncate($handle, 0);
    rewind($handle);
    fwrite($handle, "<?php exit; ?>\n" . implode("\n", $kept) . "\n");
    fflush($handle);
    flock($handle, LOCK_UN);
    fclose($handle);
    return !$seen;
}

/* Checks signature, freshness and nonce, then unwraps the payload. Nothing runs before this. */
function open_request($body, $signature)
{
    $expected = hash_hmac('sha256', $body, ANYCART_STORE_SECRET);
    if (!is_string($signature) || !hash_equals($expected, strtolower($signature))) {
        refuse('bad_signature', 'The request signature does not match the store key', 401);
    }
    $envelope = json_decode($body, true);
    if (!is_array($envelope) || !isset($envelope['action'], $envelope['ts'], $envelope['nonce'], $envelope['key'], $envelope['iv'], $envelope['data'])) {
        refuse('bad_request', 'The request envelope is incomplete', 400);
    }
    if (!is_int($envelope['ts']) || abs(time() - $envelope['ts']) > REPLAY_WINDOW_S) {
        refuse('expired', 'The request timestamp is outside the ' . REPLAY_WINDOW_S . ' s window', 401);
    }
    if (!preg_match('/^[0-9a-f]{32}$/', (string)$envelope['nonce'])) {
        refuse('bad_request', 'The nonce must be 32 hex characters', 400);
    }
    if (!spend_nonce($envelope['nonce'], $envelope['ts'])) {
        refuse('replayed', 'This nonce was used before', 401);
    }
    // PHP's OAEP padding is OAEP with SHA-1 (hash and MGF1); AnyCart wraps keys the same way.
    if (!openssl_private_decrypt(b64d($envelope['key']), $aes_key, ANYCART_PRIVATE_KEY, OPENSSL_PKCS1_OAEP_PADDING) || strlen($aes_key) !== 32) {
        refuse('bad_key', 'The payload key was not wrapped for this bridge', 401);
    }
    $sealed = b64d($envelope['data']);
    $aad = $envelope['action'] . '|' . $envelope['ts'] . '|' . $envelope['nonce'];
    $plain = openssl_decrypt(substr($sealed, 0, -16), 'aes-256-gcm', $aes_key, OPENSSL_RAW_DATA, b64d($envelope['iv']), substr($sealed, -16), $aad);
    $payload = $plain === false ? null : json_decode($plain, true);
    if (!is_array($payload)) {
        refuse('bad_payload', 'The payload does not decrypt', 401);
    }
    return array($envelope, $aes_key, $payload);
}

function seal_answer($aes_key, $nonce, $document)
{
    $plain = json_encode($document, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION | JSON_INVALID_UTF8_SUBSTITUTE);
    $zipped = function_exists('gzcompress');
    if ($zipped) {
        $plain = gzcompress($plain, 6);
    }
    $iv = random_bytes(12);
    $tag = '';
    $sealed = openssl_encrypt($plain, 'aes-256-gcm', $aes_key, OPENSSL_RAW_DATA, $iv, $tag, $nonce . '|answer');
    answer_json(200, array('ok' => true, 'z' => $zipped ? 1 : 0, 'iv' => base64_encode($iv), 'data' => base64_encode($sealed . $tag)));
}

// -- the statements AnyCart may run ------------------------------------------------------------

/* Only SELECT/INSERT/UPDATE/DELETE on the cart's own tables, one statement, no comments; every
 * table is written {p}name and gets the cart's prefix here. A correctly signed request still
 * cannot read mysql.user, write files with INTO OUTFILE, sleep, or drop a table. */
function checked_sql($sql, $prefix)
{
    $bare = preg_replace('/\'(?:[^\'\\\\]|\\\\.)*\'|"(?:[^"\\\\]|\\\\.)*"/s', "''", (string)$sql);
    if (!preg_match('/^\s*(SELECT|INSERT\s+(IGNORE\s+)?INTO|UPDATE|DELETE)\b/i', $bare)) {
        throw new BridgeError('sql_refused', 'Only SELECT, INSERT INTO, UPDATE and DELETE statements are run');
    }
    if (preg_match('/;|--|#|\/\*|@|\bLOAD_FILE\b|\bOUTFILE\b|\bDUMPFILE\b|\bLOAD\s+DATA\b|\binformation_schema\b|\bperformance_schema\b|\bsleep\s*\(|\bbenchmark\s*\(|\bget_lock\s*\(/i', $bare)) {
        throw new BridgeError('sql_refused', 'The statement holds a construct the bridge does not run');
    }
    // "ON DUPLICATE KEY UPDATE" and "FOR UPDATE" name no table.
    $scan = preg_replace('/\bKEY\s+UPDATE\b/i', 'KEY SET', preg_replace('/\bFOR\s+UPDATE\b/i', 'FOR LOCK', $bare));
    if (preg_match_all('/\b(FROM|JOIN|INTO|UPDATE)\s+(\(\s*SELECT\b|\(|[^\s(),]+)/i', $scan, $refs, PREG_SET_ORDER)) {
        foreach ($refs as $ref) {
            $target = $ref[2];
            if ($target[0] === '(' && preg_match('/SELECT$/i', $target)) {
                continue;  // a subquery: its own FROM is checked too
            }
            if (!preg_match('/^`?\{p\}[A-Za-z0-9_]+`?$/', $target)) {
                throw new BridgeError('sql_refused', 'Table ' . $target . ' is not a table of the cart (write it as {p}name)');
            }
        }
    }
    check_no_comma_join($scan);
    return str_replace('{p}', $prefix, (string)$sql);
}

/* A comma among the table references of a FROM/UPDATE clause (at that clause's own
 * parenthesis depth) would join a table the check above never saw: refused; use JOIN. */
function check_no_comma_join($scan)
{
    preg_match_all('/\(|\)|,|[A-Za-z_][A-Za-z0-9_]*/', $scan, $tokens);
    $depth = 0;
    $in_tables = array(0 => false);
    $previous = '';
    foreach ($tokens[0] as $token) {
        $word = strtoupper($token);
        if ($token === '(') {
            $in_tables[++$depth] = false;
        } elseif ($token === ')') {
            unset($in_tables[$depth]);
            $depth = max(0, $depth - 1);
        } elseif ($token === ',') {
            if (!empty($in_tables[$depth])) {
                throw new BridgeError('sql_refused', 'Comma joins are not run; use JOIN');
            }
        } elseif ($word === 'FROM' || ($word === 'UPDATE' && $previous !== 'KEY')) {
            $in_tables[$depth] = true;
        } elseif (in_array($word, array('WHERE', 'GROUP', 'ORDER', 'LIMIT', 'HAVING', 'UNION', 'SET', 'VALUES', 'FOR', 'WINDOW', 'SELECT'), true)) {
            $in_tables[$depth] = false;
        }
        $previous = $word;
    }
}

function bind_all($statement, $params)
{
    $i = 1;
    foreach ($params as $value) {
        if (is_int($value)) {
            $statement->bindValue($i, $value, PDO::PARAM_INT);
        } elseif (is_bool($value)) {
            $statement->bindValue($i, $value ? 1 : 0, PDO::PARAM_INT);
        } elseif ($value === null) {
            $statement->bindValue($i, null, PDO::PARAM_NULL);
        } elseif (is_float($value)) {
            $statement->bindValue($i, (string)$value, PDO::PARAM_STR);
        } elseif (is_string($value)) {
            $statement->bindValue($i, $value, PDO::PARAM_STR);
        } else {
            throw new BridgeError('bad_param', 'Parameter ' . $i . ' is not a scalar');
        }
        $i++;
    }
}

function run_query($db, $cart, $payload)
{
    $statement = $db->prepare(checked_sql($payload['sql'], $cart['prefix']));
    bind_all($statement, isset($payload['params']) ? $payload['params'] : array());
    $statement->execute();
    $columns = array();
    for ($i = 0; $i < $statement->columnCount(); $i++) {
        $meta = $statement->getColumnMeta($i);
        $columns[] = $meta['name'];
    }
    return array('columns' => $columns, 'rows' => $statement->fetchAll(PDO::FETCH_NUM));
}

/* Several writes in one transaction; a parameter {"$insert_id": i} is the insert id of the
 * i-th statement. Any failure rolls everything back. */
function run_multiquery($db, $cart, $payload)
{
    $done = array();
    $db->beginTransaction();
    try {
        foreach ($payload['statements'] as $entry) {
            $sql = checked_sql($entry['sql'], $cart['prefix']);
            if (preg_match('/^\s*SELECT\b/i', $sql)) {
                throw new BridgeError('sql_refused', 'multiquery runs writes only');
            }
            $params = array();
            foreach (isset($entry['params']) ? $entry['params'] : array() as $value) {
                if (is_array($value) && array_key_exists('$insert_id', $value)) {
                    $index = $value['$insert_id'];
                    if (!is_int($index) || !isset($done[$index])) {
                        throw new BridgeError('bad_param', 'insert_id refers to no earlier statement');
                    }
                    $value = $done[$index]['insert_id'];
                }
                $params[] = $value;
            }
            $statement = $db->prepare($sql);
            bind_all($statement, $params);
            $statement->execute();
            $done[] = array('insert_id' => (int)$db->lastInsertId(), 'affected' => $statement->rowCount());
        }
        $db->commit();
    } catch (Exception $e) {
        $db->rollBack();
        throw $e;
    }
    return $done;
}

/* A path under one of the cart's image folders, with an image extension and no way out. */
function image_path($cart, $relative)
{
    $relative = str_replace('\\', '/', (string)$relative);
    if ($relative === '' || $relative[0] === '/' || preg_match('#(^|/)\.\.?(/|$)#', $relative) || strpos($relative, "\0") !== false) {
        throw new BridgeError('path_refused', 'The path must be relative to the store root, without . or ..');
    }
    $extension = strtolower(pathinfo($relative, PATHINFO_EXTENSION));
    if (!in_array($extension, IMAGE_EXTENSIONS, true)) {
        throw new BridgeError('path_refused', 'Only image files (' . implode(', ', IMAGE_EXTENSIONS) . ') are written');
    }
    foreach ($cart['image_dirs'] as $dir) {
        if (strpos($relative, $dir . '/') === 0) {
            return store_root() . '/' . $relative;
        }
    }
    throw new BridgeError('path_refused', 'Files are written only under ' . implode(', ', $cart['image_dirs']));
}

function save_file($cart, $payload)
{
    $content = base64_decode((string)$payload['content'], true);
    if ($content === false || strlen($content) > MAX_FILE_BYTES) {
        throw new BridgeError('bad_file', 'The file content is not base64 or is over ' . MAX_FILE_BYTES . ' bytes');
    }
    $target = image_path($cart, $payload['path']);
    if (!is_dir(dirname($target)) && !mkdir(dirname($target), 0755, true)) {
        throw new BridgeError('io', 'Cannot create the folder for ' . $payload['path']);
    }
    $temporary = $target . '.part' . bin2hex(random_bytes(4));
    if (file_put_contents($temporary, $content) !== strlen($content) || !rename($temporary, $target)) {
        @unlink($temporary);
        throw new BridgeError('io', 'Cannot write ' . $payload['path']);
    }
    return array('path' => $payload['path'], 'size' => strlen($content));
}

function delete_file($cart, $payload)
{
    $target = image_path($cart, $payload['path']);
    return array('deleted' => is_file($target) && unlink($target));
}

/* bridge.update: replace this file with the code AnyCart sends (signed, like every request). */
function update_bridge($payload)
{
    $code = base64_decode((string)$payload['code'], true);
    if ($code === false || strpos($code, '<?php') !== 0 || strpos($code, 'ANYCART_BRIDGE_VERSION') === false) {
        throw new BridgeError('bad_code', 'The new bridge code is not an AnyCart bridge');
    }
    $temporary = __FILE__ . '.new';
    if (file_put_contents($temporary, $code) !== strlen($code) || !rename($temporary, __FILE__)) {
        throw new BridgeError('io', 'Cannot replace bridge.php');
    }
    return array('updated' => true);
}

/* bridge.delete: remove bridge2cart/ (this file, its keys and nonces, the guard). */
function delete_bridge()
{
    foreach (array_merge(glob(__DIR__ . '/nonces-*.php') ?: array(), array(__DIR__ . '/config.php', __DIR__ . '/index.php', __FILE__)) as $file) {
        @unlink($file);
    }
    @rmdir(__DIR__);
    return array('deleted' => true);
}

function bridge_config($cart)
{
    return array('version' => ANYCART_BRIDGE_VERSION, 'cart' => $cart['cart'], 'cart_version' => $cart['cart_version'],
        'db_prefix' => $cart['prefix'], 'db_name' => $cart['name'], 'php_version' => PHP_VERSION,
        'zlib' => function_exists('gzcompress'), 'store_root' => store_root(), 'image_dirs' => $cart['image_dirs'],
        'max_file_bytes' => MAX_FILE_BYTES);
}

function dispatch($action, $payload)
{
    if ($action === 'update') {
        return update_bridge($payload);
    }
    if ($action === 'delete') {
        return delete_bridge();
    }
    $cart = detect_cart();
    switch ($action) {
        case 'checkbridge':
        case 'getconfig':
            $result = bridge_config($cart);
            if ($action === 'checkbridge') {
                connect_db($cart);
                $result['db'] = true;
            }
            return $result;
        case 'query':
            return run_query(connect_db($cart), $cart, $payload);
        case 'multiquery':
            return run_multiquery(connect_db($cart), $cart, $payload);
        case 'savefile':
            return save_file($cart, $payload);
        case 'deletefile':
            return delete_file($cart, $payload);
    }
    throw new BridgeError('unknown_action', 'Unknown action ' . $action);
}

// -- entry point -------------------------------------------------------------------------------

if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
    header('Content-Type: text/plain');
    echo 'AnyCart bridge ' . ANYCART_BRIDGE_VERSION . ' BRIDGE INSTALLED.';
    exit;
}
$length = isset($_SERVER['CONTENT_LENGTH']) ? (int)$_SERVER['CONTENT_LENGTH'] : 0;
if ($length > MAX_BODY_BYTES) {
    refuse('too_large', 'The request is over ' . MAX_BODY_BYTES . ' bytes', 413);
}
load_keys();
$signature = isset($_SERVER['HTTP_X_BRIDGE_SIGNATURE']) ? $_SERVER['HTTP_X_BRIDGE_SIGNATURE'] : null;
list($envelope, $aes_key, $payload) = open_request(file_get_contents('php://input'), $signature);
try {
    seal_answer($aes_key, $envelope['nonce'], array('ok' => true, 'result' => dispatch((string)$envelope['action'], $payload)));
} catch (BridgeError $e) {
    seal_answer($aes_key, $envelope['nonce'], array('ok' => false, 'error' => array('code' => $e->kind, 'message' => $e->getMessage())));
} catch (PDOException $e) {
    seal_answer($aes_key, $envelope['nonce'], array('ok' => false, 'error' => array('code' => 'sql_error', 'sqlstate' => $e->getCode(), 'message' => $e->getMessage())));
} catch (Throwable $e) {
    seal_answer($aes_key, $envelope['nonce'], array('ok' => false, 'error' => array('code' => 'internal', 'message' => $e->getMessage())));
}
