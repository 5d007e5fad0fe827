#!/usr/bin/env python3
"""Interop fixture: a local Cognito emulator (moto's server mode on 127.0.0.1) with a user pool, an
app client and a user who signed up, was confirmed and signed in — the flow a real backend sees.
Prints one JSON line {"pool","client","access","id","jwks"} and serves until stdin closes.
Needs: pip install moto boto3 (installed by .ci/run when missing)."""
import json, logging, sys
logging.disable(logging.CRITICAL)
import boto3
from moto.server import ThreadedMotoServer

server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
host, port = server.get_host_and_port()
base = f"http://{host}:{port}"
idp = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=base,
                   aws_access_key_id="test", aws_secret_access_key="test")
pool = idp.create_user_pool(PoolName="purejwt-interop")["UserPool"]["Id"]
client = idp.create_user_pool_client(UserPoolId=pool, ClientName="web",
                                     ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
idp.sign_up(ClientId=client, Username="alice", Password="Correct-Horse-9",
            UserAttributes=[{"Name": "email", "Value": "alice@example.com"}])
idp.admin_confirm_sign_up(UserPoolId=pool, Username="alice")
auth = idp.initiate_auth(ClientId=client, AuthFlow="USER_PASSWORD_AUTH",
                         AuthParameters={"USERNAME": "alice", "PASSWORD": "Correct-Horse-9"})["AuthenticationResult"]
print(json.dumps({"pool": pool, "client": client, "access": auth["AccessToken"], "id": auth["IdToken"],
                  "jwks": f"{base}/{pool}/.well-known/jwks.json"}), flush=True)
sys.stdin.read()
server.stop()
