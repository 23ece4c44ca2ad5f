"""The Magento 2 module's carrier under real PHP: ``Model/Carrier/AnyCart.php`` as
``anycart plugin build --cart magento2`` ships it, run with the few Magento classes it
touches defined as Magento defines them (``DataObject``'s magic getters, ``AbstractCarrier``'s
``getConfigData`` over ``carriers/anycart/*``, the rate result and method, ``Curl`` a real HTTP
POST). ``collectRates(RateRequest)`` asks AnyCart (a real server on loopback) with the
service the connector wrote through the module's route; AnyCart checks the signature, asks
the vendor and answers methods the carrier appends."""

from __future__ import annotations

import asyncio
import io
import json
import os
import shutil
import zipfile

import httpx
import pytest
import uvicorn

from anycart.http.app import create_app
from anycart.platforms.magento2_api.sim_shipping import install_module, module_of
from anycart.plugins.build import BuildOptions, packages
from anycart.sdk import verify_shipping_request
from anycart.shipping import services as rows
from anycart.webhooks.outbox import account_secret
from tests.conftest import LiveServer, free_port
from tests.shipping.test_magento2_api import CREATE, TAXED, TOKEN, open_env
from tests.shipping.vendor import Vendor

if not shutil.which("php"):
    if os.environ.get("CI") == "true":
        raise RuntimeError("PHP is not installed under CI: the Magento module test must run")
    pytest.skip("PHP not installed (apt install php-cli)", allow_module_level=True)

#: Magento's ``DataObject`` as the module's classes use it (magic getters and setters).
DATA_OBJECT = r"""
namespace Magento\Framework {
    class DataObject {
        protected $_data = array();
        public function __construct(array $data = array()) { $this->_data = $data; }
        public function getData($key = '') {
            return $key === '' ? $this->_data : (isset($this->_data[$key]) ? $this->_data[$key] : null);
        }
        public function setData($key, $value = null) { $this->_data[$key] = $value; return $this; }
        public function __call($method, $args) {  // DataObject::__call and _underscore
            $key = strtolower(preg_replace('/(.)([A-Z])/', '$1_$2', substr($method, 3)));
            switch (substr($method, 0, 3)) {
                case 'get': return $this->getData($key);
                case 'set': $this->_data[$key] = $args[0]; return $this;
            }
            throw new \BadMethodCallException($method);
        }
    }
}
"""

#: Magento as far as the carrier reaches it. argv: input.json AnyCart.php
CHECKOUT = "<?php" + DATA_OBJECT + r"""
namespace Magento\Framework\App\Config {
    interface ScopeConfigInterface { public function getValue($path, $scopeType = 'default', $scopeCode = null); }
    class Values implements ScopeConfigInterface {
        private $values;
        public function __construct($values) { $this->values = $values; }
        public function getValue($path, $scopeType = 'default', $scopeCode = null) {
            return isset($this->values[$path]) ? $this->values[$path] : null;
        }
    }
}
namespace Magento\Store\Model { interface ScopeInterface { const SCOPE_STORE = 'store'; } }
namespace Psr\Log {
    interface LoggerInterface { public function warning($message, array $context = array()); }
    class Logger implements LoggerInterface {
        public function warning($message, array $context = array()) { fwrite(STDERR, $message . "\n"); }
    }
}
namespace Magento\Framework\Serialize\Serializer {
    class Json {
        public function serialize($data) { return json_encode($data); }
        public function unserialize($string) { return json_decode($string, true); }
    }
}
namespace Magento\Quote\Model\Quote\Address { class RateRequest extends \Magento\Framework\DataObject {} }
namespace Magento\Quote\Model\Quote\Address\RateResult {
    class Method extends \Magento\Framework\DataObject {}
    class MethodFactory { public function create() { return new Method(); } }
    class ErrorFactory {}
}
namespace Magento\Shipping\Model\Rate {
    class Result {
        private $rates = array();
        public function append($rate) { $this->rates[] = $rate; return $this; }
        public function getAllRates() { return $this->rates; }
    }
    class ResultFactory { public function create() { return new Result(); } }
}
namespace Magento\Directory\Model {
    class Region extends \Magento\Framework\DataObject {
        public function load($id) { $this->setData('code', $GLOBALS['regions'][$id]); return $this; }
    }
    class RegionFactory { public function create() { return new Region(); } }
}
namespace Magento\Framework\HTTP\Client {
    class Curl {
        private $headers = array(); private $timeout = 300; private $status = 0; private $body = '';
        public function setTimeout($timeout) { $this->timeout = $timeout; }
        public function addHeader($name, $value) { $this->headers[$name] = $value; }
        public function post($uri, $params) {
            $headers = '';
            foreach ($this->headers as $k => $v) { $headers .= "$k: $v\r\n"; }
            $context = stream_context_create(array('http' => array('method' => 'POST', 'header' => $headers,
                'content' => $params, 'timeout' => $this->timeout, 'ignore_errors' => true)));
            $body = @file_get_contents($uri, false, $context);
            if ($body === false) { throw new \Exception("could not reach $uri"); }
            preg_match('#HTTP/\S+ (\d+)#', $http_response_header[0], $m);
            $this->status = (int)$m[1];
            $this->body = $body;
        }
        public function getStatus() { return $this->status; }
        public function getBody() { return $this->body; }
    }
    class CurlFactory { public function create() { return new Curl(); } }
}
namespace Magento\Shipping\Model\Carrier {
    interface CarrierInterface { public function getAllowedMethods(); }
    abstract class AbstractCarrier extends \Magento\Framework\DataObject {
        protected $_code; protected $_scopeConfig; protected $_rateErrorFactory; protected $_logger;
        public function __construct($scopeConfig, $rateErrorFactory, $logger, array $data = array()) {
            $this->_scopeConfig = $scopeConfig; $this->_rateErrorFactory = $rateErrorFactory;
            $this->_logger = $logger;
            parent::__construct($data);
        }
        public function getConfigData($field) {
            return $this->_scopeConfig->getValue('carriers/' . $this->_code . '/' . $field, 'store', $this->getStore());
        }
        public function getConfigFlag($field) { return (bool)$this->getConfigData($field); }
    }
}
namespace {
    use Magento\Framework\DataObject;
    $in = json_decode(file_get_contents($argv[1]), true);
    $GLOBALS['regions'] = $in['regions'];
    require $argv[2];
    $carrier = new \Acme\LiveRates\Model\Carrier\AnyCart(new \Magento\Framework\App\Config\Values($in['config']),
        new \Magento\Quote\Model\Quote\Address\RateResult\ErrorFactory(), new \Psr\Log\Logger(),
        new \Magento\Shipping\Model\Rate\ResultFactory(),
        new \Magento\Quote\Model\Quote\Address\RateResult\MethodFactory(),
        new \Magento\Framework\HTTP\Client\CurlFactory(), new \Magento\Framework\Serialize\Serializer\Json(),
        new \Magento\Directory\Model\RegionFactory());
    $items = array_map(function ($i) { return new DataObject($i); }, $in['items']);
    $request = new \Magento\Quote\Model\Quote\Address\RateRequest($in['request'] + array(
        'all_items' => $items, 'base_currency' => new DataObject(array('code' => 'USD'))));
    $result = $carrier->collectRates($request);
    echo json_encode($result === false ? false : array_map(function ($m) { return $m->getData(); },
        $result->getAllRates()));
}
"""

#: A RateRequest as ``Shipping::collectRates`` hands it over (origin from shipping/origin/*)
REQUEST = {"country_id": "US", "region_id": 57, "postcode": "78701", "city": "Austin",
           "dest_country_id": "US", "dest_region_id": 1, "dest_region_code": "AL",
           "dest_postcode": "35005", "dest_city": "Adamsville", "dest_street": "24 Sussex Dr.\nSuite 5",
           "package_weight": 3.5, "package_value": 61.0, "package_value_with_discount": 56.0,
           "package_qty": 3, "store_id": 1}
ITEMS = [
    {"product_id": 11, "sku": "MB01", "name": "Joust Duffle Bag", "qty": 2, "base_price": 20.5,
     "base_row_total": 41.0, "base_discount_amount": 5, "base_tax_amount": 3.2, "tax_percent": 8.25,
     "weight": 1.5},
    {"product_id": 12, "sku": "MS02-S", "name": "Child", "qty": 1, "parent_item": True},
    {"product_id": 13, "sku": "MS02", "name": "Helios Tee", "qty": 1, "base_price": 20,
     "base_row_total": 20.0, "weight": 0.5},
    {"product_id": 14, "sku": "GIFT", "name": "Gift card", "qty": 1, "base_price": 25,
     "base_row_total": 25.0, "is_virtual": 1},
]


@pytest.fixture
async def env(tmp_path):
    async with open_env(tmp_path) as e:
        s = e.services.settings
        s.shipping_timeout_s, s.shipping_retry_delay_s, s.shipping_error_limit = 2.0, 0.05, 3
        port = free_port()  # AnyCart on loopback, on this test's loop (PHP reaches it over HTTP)
        server = uvicorn.Server(uvicorn.Config(create_app(e.services), host="127.0.0.1",
                                               port=port, log_level="warning"))
        serving = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.02)
        s.public_url = f"http://127.0.0.1:{port}"
        e.shop = e.sim.shops.get("m2.example")
        install_module(e.shop)
        e.vendor = Vendor(modes=[TAXED])
        e.tmp = tmp_path
        with LiveServer(e.vendor.app()) as vendor:
            e.callback = f"{vendor.url}/rates.php"
            yield e
        server.should_exit = True
        await serving


def carrier_php() -> str:
    [zipped] = packages(BuildOptions(cart="magento2", name="Acme", company="Acme Inc",
                                     description="Live rates", callback_url="https://acme.example/cb",
                                     public_key=None)).values()
    return zipfile.ZipFile(io.BytesIO(zipped)).read(
        "app/code/Acme/LiveRates/Model/Carrier/AnyCart.php").decode()


async def collect(e, config: dict | None = None) -> object:
    """The carrier's collectRates under PHP, its config the module's rows in the simulator."""
    values = {**module_of(e.shop).config, "general/locale/weight_unit": "lbs",
              "shipping/origin/street_line1": "100 Congress Ave", **(config or {})}
    (e.tmp / "input.json").write_text(json.dumps({
        "config": values, "regions": {"57": "TX"}, "request": REQUEST, "items": ITEMS}))
    (e.tmp / "AnyCart.php").write_text(carrier_php())
    (e.tmp / "checkout.php").write_text(CHECKOUT)
    proc = await asyncio.create_subprocess_exec(
        "php", str(e.tmp / "checkout.php"), str(e.tmp / "input.json"), str(e.tmp / "AnyCart.php"),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 0, (out + err).decode()
    return json.loads(out)


async def test_collect_rates_asks_anycart_and_appends_the_methods(env):
    assert (await env.call(CREATE, {"name": "V", "callback": env.callback}))["return_code"] == 0
    methods = await collect(env)
    assert methods == [
        {"carrier": "anycart", "carrier_title": "Live rates", "method": "1_ground_1",
         "method_title": "Ground", "price": 7.5, "cost": 7.5},
        {"carrier": "anycart", "carrier_title": "Live rates", "method": "1_air",
         "method_title": "Air", "price": 19, "cost": 19}]
    headers, body = env.vendor.got[-1]
    assert headers["x-shipping-service-id"] == "1"
    verify_shipping_request(headers, body, account_secret(
        env.services.db, env.services.repo.authenticate(env.api_key).id))
    [package] = json.loads(body)["packages"]
    assert package["origin"]["state"] == {"code": "TX", "name": "Texas"}
    assert package["origin"]["address1"] == "100 Congress Ave"
    assert package["destination"]["state"] == {"code": "AL", "name": "Alabama"}
    assert (package["destination"]["address1"], package["destination"]["address2"]) == (
        "24 Sussex Dr.", "Suite 5")
    # a configurable's child ships as its parent, a virtual item not at all
    assert [(i["product_id"], i["model"], i["quantity"]) for i in package["items"]] == [
        ("11", "MB01", 2), ("13", "MS02", 1)]
    bag = package["items"][0]
    assert (bag["price"], bag["total_price"], bag["discount_amount"], bag["tax_value"],
            bag["tax_percent"], bag["weight"], bag["weight_unit"]) == (
        20.5, 41.0, 5, 3.2, 8.25, 1.5, "lb")
    assert package["additional_fields"]["package_value_with_discount"] == 56.0


async def test_a_carrier_turned_off_or_a_failing_service_adds_nothing(env):
    assert await collect(env) is False  # no service yet: carriers/anycart/active is 0
    assert (await env.call(CREATE, {"name": "V", "callback": env.callback}))["return_code"] == 0
    assert await collect(env, {"carriers/anycart/active": "0"}) is False
    env.vendor.modes = ["404"]
    env.vendor.got.clear()
    assert await collect(env) == []  # AnyCart answers an error: no methods, checkout goes on
    assert rows.get(env.services.db, 1).error_count == 1
    services = json.loads(module_of(env.shop).config["carriers/anycart/services"])
    gone = json.dumps([{**services[0], "rates_url": "http://127.0.0.1:9/shipping/1/rates"}])
    assert await collect(env, {"carriers/anycart/services": gone}) == []  # unreachable


#: The module's REST service (``Model/Services.php``) with Magento's config writer as a table
#: of rows. argv: ops.json module folder; prints each call's answer as webapi would render it.
ROUTE = "<?php" + DATA_OBJECT + r"""
namespace Magento\Framework\Exception {
    class NoSuchEntityException extends \Exception {
        public static function singleField($field, $value) {
            return new self("No such entity with $field = $value");
        }
    }
}
namespace Magento\Framework\App\Config {
    interface ReinitableConfigInterface { public function getValue($path); public function reinit(); }
    class Rows implements ReinitableConfigInterface, Storage\WriterInterface {
        public $rows = array(); public $reinits = 0;
        public function getValue($path) { return isset($this->rows[$path]) ? $this->rows[$path] : null; }
        public function reinit() { $this->reinits++; }
        public function save($path, $value) { $this->rows[$path] = $value; }
    }
}
namespace Magento\Framework\App\Config\Storage { interface WriterInterface { public function save($path, $value); } }
namespace Magento\Framework\Serialize\Serializer {
    class Json {
        public function serialize($data) { return json_encode($data); }
        public function unserialize($string) { return json_decode($string, true); }
    }
}
namespace Acme\LiveRates\Model {
    class ServiceFactory { public function create(array $args) { return new Service($args['data']); } }
}
namespace {
    $root = $argv[2];
    foreach (array('Api/ServicesInterface.php', 'Api/Data/ServiceInterface.php', 'Model/Service.php',
                   'Model/Services.php') as $file) {
        require "$root/$file";
    }
    $rows = new \Magento\Framework\App\Config\Rows();
    $services = new \Acme\LiveRates\Model\Services($rows, $rows, new \Magento\Framework\Serialize\Serializer\Json(),
        new \Acme\LiveRates\Model\ServiceFactory());
    $out = array();
    $render = function ($s) {  // webapi renders a data interface by its getters
        return array('id' => $s->getId(), 'name' => $s->getName(), 'rates_url' => $s->getRatesUrl(),
            'active' => $s->getActive());
    };
    foreach (json_decode(file_get_contents($argv[1]), true) as $op) {
        try {
            if ($op[0] === 'save') { $out[] = $render($services->save($op[1], $op[2], $op[3])); }
            elseif ($op[0] === 'list') { $out[] = array_map($render, $services->getList()); }
            else { $out[] = $services->deleteById($op[1]); }
        } catch (\Magento\Framework\Exception\NoSuchEntityException $e) {
            $out[] = array('error' => 404);
        }
    }
    echo json_encode(array('answers' => $out, 'rows' => $rows->rows, 'reinits' => $rows->reinits));
}
"""


async def test_the_modules_route_keeps_services_as_the_simulator_does(env, tmp_path):
    """The module's PHP and the simulator's reading of it, given the same calls, answer the
    same and keep the same rows."""
    [zipped] = packages(BuildOptions(cart="magento2", name="Acme", company="Acme Inc",
                                     description="Live rates", callback_url="https://acme.example/cb",
                                     public_key=None)).values()
    zipfile.ZipFile(io.BytesIO(zipped)).extractall(tmp_path / "module")
    ops = [["save", "A", "https://a.example/shipping/1/rates", "k1"],
           ["save", "B", "https://a.example/shipping/2/rates", "k2"], ["list"], ["delete", 1],
           ["delete", 1], ["list"], ["delete", 2]]
    (tmp_path / "ops.json").write_text(json.dumps(ops))
    (tmp_path / "route.php").write_text(ROUTE)
    proc = await asyncio.create_subprocess_exec(
        "php", str(tmp_path / "route.php"), str(tmp_path / "ops.json"),
        str(tmp_path / "module/app/code/Acme/LiveRates"),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 0, (out + err).decode()
    php = json.loads(out)
    sim = []
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=env.sim.app),
                                 base_url="https://m2.example",
                                 headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        path = "/rest/V1/anycart/shipping-services"
        for op in ops:
            if op[0] == "save":
                r = await c.post(path, json={"name": op[1], "ratesUrl": op[2], "signingKey": op[3]})
            elif op[0] == "list":
                r = await c.get(path)
            else:
                r = await c.delete(f"{path}/{op[1]}")
            sim.append(r.json() if r.status_code == 200 else {"error": r.status_code})
    assert php["answers"] == sim
    assert php["answers"][2] == [
        {"id": 1, "name": "A", "rates_url": "https://a.example/shipping/1/rates", "active": True},
        {"id": 2, "name": "B", "rates_url": "https://a.example/shipping/2/rates", "active": True}]
    assert php["answers"][4] == {"error": 404}
    assert php["rows"] == {k: v for k, v in module_of(env.shop).config.items()
                           if k in php["rows"]}
    assert php["rows"]["carriers/anycart/active"] == "0" and php["reinits"] == 4  # each write
