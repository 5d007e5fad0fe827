#!/usr/bin/env python3
"""A local Cognito for the example: moto's server on 127.0.0.1 with a user pool, an app client
(with a client secret, so SECRET_HASH is exercised) and a group "admin". Writes the settings the
backend needs to a JSON file and serves until interrupted (Ctrl-C) or killed.

    python3 scripts/emulator.py [--port 5001] [--state .emulator.json] [--no-secret]

Needs: pip install 'moto[server]' boto3 (CI installs them)."""
import argparse, json, logging, os, signal, sys, threading
logging.disable(logging.CRITICAL)
import boto3
from moto.server import ThreadedMotoServer

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=5001)
parser.add_argument("--state", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".emulator.json"))
parser.add_argument("--no-secret", action="store_true", help="an app client without a secret")
args = parser.parse_args()

server = ThreadedMotoServer(ip_address="127.0.0.1", port=args.port, verbose=False)
server.start()
endpoint = f"http://127.0.0.1:{args.port}"
region = "eu-west-1"
idp = boto3.client("cognito-idp", region_name=region, endpoint_url=endpoint,
                   aws_access_key_id="emulator", aws_secret_access_key="emulator")
pool = idp.create_user_pool(PoolName="cognito-backend-example", AutoVerifiedAttributes=["email"],
                            Schema=[{"Name": "email", "AttributeDataType": "String", "Required": True}])["UserPool"]["Id"]
client = idp.create_user_pool_client(UserPoolId=pool, ClientName="cognito-backend", GenerateSecret=not args.no_secret,
                                     ReadAttributes=["email", "email_verified", "name"], WriteAttributes=["email", "name"],
                                     ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]
idp.create_group(UserPoolId=pool, GroupName="admin", Description="may call GET /admin")
state = {"endpoint": endpoint, "region": region, "userPoolId": pool, "clientId": client["ClientId"],
         "clientSecret": client.get("ClientSecret", "")}
path = os.path.abspath(args.state)
with open(path + ".tmp", "w") as f:
    json.dump(state, f)
os.replace(path + ".tmp", path)
print(f"Cognito emulator on {endpoint}: pool {pool}, client {client['ClientId']}"
      f"{' (with a secret)' if state['clientSecret'] else ''}; settings in {path}", flush=True)

stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: stop.set())
signal.signal(signal.SIGINT, lambda *_: stop.set())
stop.wait()
server.stop()
